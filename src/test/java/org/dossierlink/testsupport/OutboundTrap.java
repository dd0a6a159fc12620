package org.dossierlink.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Where every hostile payload points, to prove that nothing follows it:
 * <ul>
 * <li>an HTTP listener on a free loopback port that counts accepted connections and bytes received
 * (it never answers, so a fetch that did happen would also hang visibly);</li>
 * <li>a temp file holding a random secret marker, for {@code file:} targets: the marker must never
 * appear in an answer, a log line, a report or the store;</li>
 * <li>a capture of every log event of the JVM while the trap is open (logback root and the request log),
 * so a test can say the marker was never logged.</li>
 * </ul>
 * Open one per test class; {@link #assertUntouched()} after each case.
 */
public final class OutboundTrap implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread acceptor;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final List<String> firstLines = new CopyOnWriteArrayList<>();
    private final Path secretFile;
    private final String secret;
    private final LogCapture logs = new LogCapture();

    private OutboundTrap(Path dir) throws IOException {
        secret = "DOSSIERLINK-SECRET-" + UUID.randomUUID();
        secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, secret + "\n", StandardCharsets.UTF_8);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "outbound-trap-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        logs.start();
    }

    /** Opens the listener and writes the secret file into {@code dir} (a JUnit temp folder). */
    public static OutboundTrap open(Path dir) throws IOException {
        return new OutboundTrap(dir);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(500);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                StringBuilder head = new StringBuilder();
                int n;
                try {
                    while ((n = in.read(buf)) > 0) {
                        bytes.addAndGet(n);
                        if (head.length() < 200) {
                            head.append(new String(buf, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (SocketTimeoutException e) {
                    // the client waits for an answer that never comes: enough was counted
                }
                firstLines.add(head.toString().lines().findFirst().orElse(""));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // one bad connection: it was counted, keep listening
            }
        }
    }

    /** {@code http://127.0.0.1:PORT/path} */
    public String http(String path) {
        return "http://127.0.0.1:" + listener.getLocalPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** A URL of the same listener with a host name (resolving goes nowhere but the loopback). */
    public String httpLocalhost(String path) {
        return "http://localhost:" + listener.getLocalPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** {@code file:/...secret.txt} */
    public String fileUrl() {
        return secretFile.toUri().toString();
    }

    public Path secretFile() {
        return secretFile;
    }

    /** The marker the secret file holds; it must never come back. */
    public String secret() {
        return secret;
    }

    public long connections() {
        return connections.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The listener saw no connection and no byte, and no log line held the secret. */
    public void assertUntouched() {
        assertThat(connections.get()).as("connections to the trap (first lines: " + firstLines + ")").isZero();
        assertThat(bytes.get()).as("bytes sent to the trap").isZero();
        assertThat(logs.lines()).as("log lines").noneSatisfy(l -> assertThat(l).contains(secret));
    }

    /** The text holds neither the secret marker nor anything of the trap's answer. */
    public void assertNoSecretIn(String what, String text) {
        assertThat(text).as(what).doesNotContain(secret);
    }

    /** Every log line written while the trap was open. */
    public List<String> logLines() {
        return logs.lines();
    }

    @Override
    public void close() throws IOException {
        logs.stop();
        listener.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every logback event of this JVM, formatted with its throwable's messages, while started. */
    private static final class LogCapture extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<Logger> attached = new CopyOnWriteArrayList<>();

        @Override
        public void start() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            setContext(context);
            super.start();
            for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dossierlink.requests")) {
                Logger l = context.getLogger(name);
                l.addAppender(this);
                attached.add(l);
            }
        }

        @Override
        public void stop() {
            attached.forEach(l -> l.detachAppender(this));
            super.stop();
        }

        @Override
        protected void append(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(e.getFormattedMessage());
            for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(b.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
