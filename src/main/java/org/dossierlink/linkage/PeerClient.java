package org.dossierlink.linkage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.xml.SecureXml;
import org.dossierlink.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Calls one operation of a peer node: a SOAP 1.1 envelope built from exact bytes (the signed Linkage
 * header, the request element), sent with {@link HttpClient} under the peer's timeout, and the answer read
 * as bytes (at most {@link XmlLimits#MAX_PEER_ANSWER_BYTES}, MTOM multipart included), parsed with the
 * hardened parser, and its signature verified against that peer's certificate only. Never throws: every
 * outcome is a {@link PeerAnswer}. Thread-safe; one per node.
 */
public final class PeerClient {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ACTION_PREFIX = "urn:dossierlink:service:1:";
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /**
     * The hardened, DOCTYPE-refusing parser, one per thread that reads answers (the HTTP client's): making
     * one takes longer than parsing an answer with it. A DocumentBuilder may parse one document after
     * another; each parse starts from a clean state and keeps no reference to the document it returned.
     */
    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> PARSER =
            ThreadLocal.withInitial(SecureXml::documentBuilderRefusingDoctype);

    private final HttpClient http;
    private final java.util.concurrent.ExecutorService calls = callThreads();
    private final Map<String, HttpClient> pinned = new java.util.concurrent.ConcurrentHashMap<>();
    private final VerificationLimits limits;
    private final Clock clock;

    public PeerClient(VerificationLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).executor(INLINE).build();
    }

    /**
     * The HTTP client's executor: its own tasks (handing the answer's bytes to {@link LimitedBody}, completing
     * the exchange) run on the thread that has the bytes, its selector thread, instead of being handed to a
     * pool thread that must wake up first. None of them blocks: the answer is read and verified on the call
     * thread that waits in {@link #send}. Half the CPU and latency of a small loopback exchange (2026-11-26).
     */
    private static final java.util.concurrent.Executor INLINE = Runnable::run;

    /** The shared client, or for a peer with a pinned TLS certificate its own client trusting exactly that one. */
    private HttpClient clientFor(Peer peer) {
        if (peer.tlsCertificate() == null) {
            return http;
        }
        return pinned.computeIfAbsent(peer.name(), n -> {
            try {
                java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("peer", peer.tlsCertificate());
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
                tls.init(null, tmf.getTrustManagers(), null);
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).executor(INLINE).sslContext(tls).build();
            } catch (java.security.GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot pin the TLS certificate of peer " + n + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * @param header    the SOAP header content (the signed Linkage header), or null for none
     * @param body      the request element
     * @param timeout   the longest the whole call may take
     * @param requestId sent as X-Request-Id, so the peer's log names the same request
     */
    public CompletableFuture<PeerAnswer> call(Peer peer, String operation, byte[] header, byte[] body, Duration timeout,
                                              String requestId) {
        long start = System.nanoTime();
        byte[] envelope = envelope(header, body);
        HttpRequest.Builder request = HttpRequest.newBuilder(peer.endpoint()).timeout(timeout)
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + ACTION_PREFIX + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        if (requestId != null && REQUEST_ID.matcher(requestId).matches()) {
            request.header("X-Request-Id", requestId);
        }
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            HttpClient client = clientFor(peer);
            HttpRequest built = request.build();
            sent = CompletableFuture.supplyAsync(() -> send(client, built), calls);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.completedFuture(PeerAnswer.failed(peer, PeerStatus.ERROR, since(start),
                    "cannot call " + peer.endpoint() + ": " + e.getMessage()));
        }
        return sent.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure != null ? failed(peer, failure, start, timeout)
                        : read(peer, response, start));
    }

    /**
     * Sends on a thread of this client's own pool and waits there for the answer, which is then read and
     * verified on that same thread. Not {@link HttpClient#sendAsync}: it hands every answer on to the
     * CompletableFuture default executor, which on a machine of fewer than three cores starts a new thread
     * for each task (a thread per peer answer, with none of the per-thread parsers warm).
     */
    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, limited());
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CompletionException(new NotSent(request, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** A request the HTTP client would not send (as a synchronous refusal of sendAsync was). */
    static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent(HttpRequest request, RuntimeException cause) {
            super("cannot call " + request.uri() + ": " + cause.getMessage(), cause);
        }
    }

    /** Daemon threads that send the calls and read the answers: as many as calls in flight, kept a minute. */
    private static java.util.concurrent.ExecutorService callThreads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dossierlink-peer-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static byte[] envelope(byte[] header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + (header == null ? 0 : header.length) + 200);
        out.writeBytes(("<soap:Envelope xmlns:soap=\"" + SOAP11 + "\">").getBytes(StandardCharsets.UTF_8));
        if (header != null) {
            out.writeBytes("<soap:Header>".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(header);
            out.writeBytes("</soap:Header>".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("<soap:Body>".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes("</soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static PeerAnswer failed(Peer peer, Throwable failure, long start, Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Duration took = since(start);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof AnswerTooLarge || t instanceof NotSent) {
                return PeerAnswer.failed(peer, PeerStatus.ERROR, took, t.getMessage());
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return PeerAnswer.failed(peer, PeerStatus.UNREACHABLE, took, "no TLS connection to " + peer.endpoint()
                        + " (is its certificate the one trusted for it?): " + t.getMessage());
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return PeerAnswer.failed(peer, PeerStatus.UNREACHABLE, took, "no connection to " + peer.endpoint()
                    + " within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return PeerAnswer.failed(peer, PeerStatus.TIMED_OUT, took, "no answer within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return PeerAnswer.failed(peer, PeerStatus.UNREACHABLE, took, "cannot connect to " + peer.endpoint()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return PeerAnswer.failed(peer, PeerStatus.ERROR, took, "the call to " + peer.endpoint() + " failed: " + cause);
    }

    private PeerAnswer read(Peer peer, HttpResponse<byte[]> response, long start) {
        byte[] bytes = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        try {
            byte[] xml = bytes;
            Map<String, byte[]> attachments = Map.of();
            if (type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/related")) {
                MtomAnswer mtom = MtomAnswer.parse(bytes, type);
                xml = mtom.root();
                attachments = mtom.attachments();
            }
            Document doc = parse(xml);
            Element payload = SignatureVerifier.payloadOf(doc);
            if ("Fault".equals(payload.getLocalName()) && SOAP11.equals(payload.getNamespaceURI())) {
                PeerFault fault = fault(payload);
                return new PeerAnswer(peer, PeerStatus.REFUSED, since(start), null, null, fault,
                        fault.element() + " " + fault.code() + ": " + fault.message());
            }
            if (response.statusCode() != 200) {
                return PeerAnswer.failed(peer, PeerStatus.ERROR, since(start), "HTTP " + response.statusCode()
                        + " with no SOAP fault");
            }
            try {
                new SignatureVerifier(peer.trust(), limits).verify(payload, clock.instant());
            } catch (SignatureRejectedException e) {
                return PeerAnswer.failed(peer, PeerStatus.BAD_SIGNATURE, since(start),
                        "its answer does not verify against its configured certificate: " + e.getMessage());
            }
            return new PeerAnswer(peer, PeerStatus.ANSWERED, since(start), payload, attachments, null,
                    "answered in " + since(start).toMillis() + " ms");
        } catch (SAXException | IOException | RuntimeException e) {
            return PeerAnswer.failed(peer, PeerStatus.ERROR, since(start), "HTTP " + response.statusCode()
                    + ", an answer that is not a SOAP 1.1 message: " + e.getMessage());
        }
    }

    /** Parses an answer with this thread's hardened parser (a DOCTYPE is an error). */
    static Document parse(byte[] xml) throws SAXException, IOException {
        return PARSER.get().parse(new ByteArrayInputStream(xml));
    }

    /** The detail of a typed fault: Fault/detail/{any}/(code, message, field, reason, node). */
    static PeerFault fault(Element fault) {
        String faultString = text(fault, null, "faultstring");
        Element detail = child(fault, null, "detail");
        Element typed = detail == null ? null : firstElement(detail);
        if (typed == null) {
            return new PeerFault(null, "PEER_FAULT", faultString == null ? "the peer answered with a SOAP fault"
                    : faultString, null, null, null);
        }
        String ns = typed.getNamespaceURI();
        String message = text(typed, ns, "message");
        return new PeerFault(typed.getLocalName(), text(typed, ns, "code"), message != null ? message : faultString,
                text(typed, ns, "field"), text(typed, ns, "reason"), text(typed, ns, "node"));
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && Objects.equals(ns, e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The answer's bytes, refused past {@link XmlLimits#MAX_PEER_ANSWER_BYTES} without reading the rest. */
    private static HttpResponse.BodyHandler<byte[]> limited() {
        return info -> new LimitedBody(XmlLimits.MAX_PEER_ANSWER_BYTES);
    }

    static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes (XmlLimits.MAX_PEER_ANSWER_BYTES)");
        }
    }

    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
