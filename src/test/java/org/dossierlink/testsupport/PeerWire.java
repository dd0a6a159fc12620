package org.dossierlink.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test-only HTTP hop in front of a real node, on a free port of 127.0.0.1: it passes requests through,
 * or holds each answer for a while (a slow peer), or changes one digit of a signed answer (a tampering
 * peer). Started before the node it fronts, so that peers can be configured with its address.
 */
public final class PeerWire implements AutoCloseable {

    public enum Mode { PASS, SLOW, TAMPER }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String target;
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;

    private PeerWire() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static PeerWire open() throws IOException {
        return new PeerWire();
    }

    /** http://127.0.0.1:port: what peers are configured with (the node's paths follow it). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The node's root URL (http://host:port) the wire forwards to. */
    public void connect(String nodeRoot) {
        this.target = nodeRoot;
    }

    public void pass() {
        mode = Mode.PASS;
    }

    /** Holds every answer for {@code delay} (or until {@link #close()}). */
    public void slow(Duration delay) {
        this.delay = delay;
        mode = Mode.SLOW;
    }

    public void tamper() {
        mode = Mode.TAMPER;
    }

    /** How many requests came through. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : new String[] {"Content-Type", "SOAPAction", "X-Request-Id"}) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) {
                    forward.header(h, v);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] out = answer.body();
            Mode m = mode;
            if (m == Mode.SLOW) {
                try {
                    released.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (m == Mode.TAMPER) {
                out = tampered(out);
            }
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    /** One digit of the first application number in the answer changed: still well-formed, no longer as signed. */
    static byte[] tampered(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int at = text.indexOf("<dos:number");
        if (at < 0) {
            return answer;
        }
        int digit = text.indexOf('>', at) + 1;
        char c = text.charAt(digit);
        char changed = c == '9' ? '0' : (char) (c + 1);
        return (text.substring(0, digit) + changed + text.substring(digit + 1)).getBytes(StandardCharsets.UTF_8);
    }

    /** Stops listening: the port refuses connections from now on, as a stopped node's does. */
    public void stop() {
        released.countDown();
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }
}
