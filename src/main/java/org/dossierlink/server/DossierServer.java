package org.dossierlink.server;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.TrustManager;
import javax.xml.namespace.QName;

import jakarta.xml.ws.soap.SOAPBinding;

import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.dossierlink.access.Caller;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.dossierlink.service.BulkOperations;
import org.dossierlink.service.DossierEndpoint;
import org.dossierlink.service.DossierService;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.linkage.Linkage;
import org.dossierlink.linkage.LinkageAssertion;
import org.dossierlink.linkage.LinkageAssertionCheck;
import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.PeerClient;
import org.dossierlink.linkage.PeerHealth;
import org.dossierlink.linkage.Peers;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.operator.HealthServlet;
import org.dossierlink.operator.MetricsServlet;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.ReadinessCheck;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.xml.XmlLimits;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP server: Jetty with the CXF servlet, and {@link DossierEndpoint} published on both ports of
 * {@code wsdl/dossierlink.wsdl} (read from the classpath, so {@code ?wsdl} serves the contract itself
 * with its schemas at {@code ?xsd=...}):
 * <ul>
 * <li>SOAP 1.1 at {@code <base>/services/dossier}, SOAP 1.2 at {@code <base>/services/dossier-soap12};</li>
 * <li>MTOM for binary documents; requests validated against the schemas (see {@link ServerOptions});</li>
 * <li>StAX, request size and MTOM attachment limits from {@link XmlLimits}; no DTD and no processing
 * instruction is accepted in a request, nor a Content-Type that is not the port's SOAP version's;</li>
 * <li>every successful response signed with XML-DSig: see {@link SignedResponseWriter};</li>
 * <li>every fault is typed: see {@link RequestFaultRewriter}.</li>
 * </ul>
 * One instance has its own CXF bus; several can run in one JVM. Not restartable: make a new one.
 */
public final class DossierServer implements AutoCloseable {

    public static final String NAMESPACE = "urn:dossierlink:service:1";
    public static final QName SERVICE = new QName(NAMESPACE, "DossierService");
    public static final QName SOAP11_PORT = new QName(NAMESPACE, "DossierSoap11Port");
    public static final QName SOAP12_PORT = new QName(NAMESPACE, "DossierSoap12Port");
    public static final String WSDL_LOCATION = "classpath:wsdl/dossierlink.wsdl";
    public static final String SOAP11_PATH = "/dossier";
    public static final String SOAP12_PATH = "/dossier-soap12";

    /** How long stopping waits for the requests in flight to finish. */
    public static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DossierServer.class);

    private final ServerOptions options;
    private final DossierService service;
    private final PayloadSigner signer;
    private final NodeMetrics metrics;
    private final AccessControl access;
    private Linkage linkage;
    private PeerHealth peerHealth;
    private Bus bus;
    private Server jetty;
    private ServerConnector connector;
    private State state = State.NEW;
    private BulkOperations bulk;
    private RequestSizeLimit.Uploads uploads;

    private enum State { NEW, STARTED, STOPPED }

    /**
     * @param signer signs every successful response with this node's current key, and its keys are
     *               what GetSigningCertificates publishes
     */
    public DossierServer(ServerOptions options, DossierService service, PayloadSigner signer) {
        this(options, service, signer, new NodeMetrics(), AccessControl.none());
    }

    /**
     * @param metrics the node's metrics, served at {@code /metrics}; the composition root shares them with
     *                the store (see {@link org.dossierlink.operator.TimedDossierStore})
     */
    public DossierServer(ServerOptions options, DossierService service, PayloadSigner signer, NodeMetrics metrics) {
        this(options, service, signer, metrics, AccessControl.none());
    }

    /**
     * @param access who may call (offices, credentials, TLS client certificates) and how much (quotas)
     */
    public DossierServer(ServerOptions options, DossierService service, PayloadSigner signer, NodeMetrics metrics,
                         AccessControl access) {
        this.access = Objects.requireNonNull(access, "access");
        this.options = Objects.requireNonNull(options, "options");
        this.service = Objects.requireNonNull(service, "service");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Offers bulk transfer (SubmitPackage, GetPackageReceipt, ExportChanges); call before {@link #start()}.
     *
     * @param maxPackageBytes the largest package an upload may carry ({@code bulk.max-package-bytes})
     * @param spoolDir        where CXF spools a large upload's attachment while it arrives
     */
    public synchronized DossierServer withBulk(BulkOperations operations, long maxPackageBytes, Path spoolDir) {
        if (state != State.NEW) {
            throw new IllegalStateException("bulk transfer is set up before the server starts");
        }
        this.bulk = Objects.requireNonNull(operations, "operations");
        this.uploads = new RequestSizeLimit.Uploads(maxPackageBytes, spoolDir);
        return this;
    }

    /** How long a peer's reachability is remembered for /health/ready, and the longest a probe may take. */
    public static final java.time.Duration PEER_PROBE_CACHE = java.time.Duration.ofSeconds(5);
    public static final java.time.Duration PEER_PROBE_TIMEOUT = java.time.Duration.ofSeconds(1);

    /**
     * Links this node to peer nodes (before {@link #start()}): GetFamily asks them too, retrievals for the
     * offices they serve are forwarded to them, their forwarded requests are accepted, and /health/ready and
     * /metrics report on them. Calls carry this node's signed assertion (its signing keys).
     */
    public synchronized DossierServer linkTo(Peers peers) {
        if (state != State.NEW) {
            throw new IllegalStateException("link a DossierServer to its peers before it starts");
        }
        Linkage.CallListener listener = (peer, operation, status, took) -> metrics.peerCall(peer, operation,
                status.wireName(), took.toNanos());
        this.linkage = new Linkage(peers, new PeerClient(VerificationLimits.defaults(), access.clock()), signer,
                access.clock(), listener);
        this.peerHealth = new PeerHealth(linkage, access.clock(), PEER_PROBE_CACHE, PEER_PROBE_TIMEOUT);
        return this;
    }

    /** Binds the port and publishes both endpoints; returns when requests are accepted. */
    public synchronized DossierServer start() throws Exception {
        if (state != State.NEW) {
            throw new IllegalStateException("a DossierServer starts once; this one is " + state);
        }
        state = State.STARTED;
        Bus previous = BusFactory.getThreadDefaultBus(false);
        try {
            bus = newBus();
            jetty = new Server();
            connector = options.https() ? httpsConnector(jetty, options.tls()) : new ServerConnector(jetty);
            connector.setHost(options.host());
            connector.setPort(options.port());
            jetty.addConnector(connector);

            CXFNonSpringServlet servlet = new CXFNonSpringServlet();
            servlet.setBus(bus);
            ServletHolder holder = new ServletHolder("cxf", servlet);
            holder.setInitParameter("hide-service-list-page", "true");
            ServletContextHandler context = new ServletContextHandler(
                    options.contextPath().isEmpty() ? "/" : options.contextPath());
            context.addServlet(holder, "/services/*");
            ServletHolder health = new ServletHolder("health", new HealthServlet(readinessChecks()));
            context.addServlet(health, "/health");
            context.addServlet(health, "/health/*");
            context.addServlet(new ServletHolder("metrics", new MetricsServlet(metrics)), "/metrics");
            // SIGTERM or stop(): stop accepting, let the requests in flight finish (up to STOP_TIMEOUT)
            GracefulHandler graceful = new GracefulHandler();
            graceful.setHandler(context);
            jetty.setHandler(graceful);
            jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
            new JettyServerThreadPoolMetrics(jetty.getThreadPool(), List.of()).bindTo(metrics.registry());
            jetty.start();

            DossierEndpoint implementor = new DossierEndpoint(service, signer.keys(), DossierServer::currentCaller,
                    linkage, () -> fromExchange(LinkageAssertion.class), () -> RequestAccounting.requestId(
                            currentExchange()), bulk);
            // one for both ports: a nonce used on one port is a replay on the other
            CallerAuthentication authentication = new CallerAuthentication(access.offices(), options.demoAccess(),
                    access.tokenTimeToLive(), access.clock(), access.nonces(), linkage == null ? null
                    : new LinkageAssertionCheck(linkage.peers(), access.clock(), access.tokenTimeToLive(),
                            VerificationLimits.defaults(), access.nonces()));
            publish(implementor, authentication, SOAP11_PORT, SOAPBinding.SOAP11HTTP_BINDING, SOAP11_PATH, soap11Url());
            publish(implementor, authentication, SOAP12_PORT, SOAPBinding.SOAP12HTTP_BINDING, SOAP12_PATH, soap12Url());
            LOG.debug("dossierlink serving SOAP 1.1 at {} and SOAP 1.2 at {}, contract at {}",
                    soap11Url(), soap12Url(), wsdlUrl());
            return this;
        } catch (Exception e) {
            stop();
            throw e;
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }

    /**
     * HTTPS only (HTTP/1.1 over TLS 1.2 or 1.3): the node's key, and a client certificate asked for but not
     * required. Any client certificate completes the handshake; only one whose fingerprint the offices file
     * maps to an office names a caller ({@link CallerAuthentication}).
     */
    private static ServerConnector httpsConnector(Server jetty, ServerOptions.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                // client certificates are pinned by fingerprint per office, not chained to a CA
                return SslContextFactory.TRUST_ALL_CERTS;
            }
        };
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setWantClientAuth(true);
        ssl.setEndpointIdentificationAlgorithm(null);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the node is reached by IP address or any of its names: the certificate's names are the client's concern
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        return new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
    }

    /** The calling office of the request this thread serves, as {@link CallerAuthentication} established it. */
    private static Caller currentCaller() {
        return fromExchange(Caller.class);
    }

    private static org.apache.cxf.message.Exchange currentExchange() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : message.getExchange();
    }

    private static <T> T fromExchange(Class<T> type) {
        org.apache.cxf.message.Exchange exchange = currentExchange();
        return exchange == null ? null : exchange.get(type);
    }

    /**
     * What /health/ready checks: the store answers, the stylesheets are compiled, a signing key is valid; and
     * each peer is reachable (an unreachable peer makes the node degraded, not unready).
     */
    private List<ReadinessCheck> readinessChecks() {
        List<ReadinessCheck> checks = new java.util.ArrayList<>(ownChecks());
        if (linkage != null) {
            for (Peer peer : linkage.peers().all()) {
                checks.add(ReadinessCheck.of("peer:" + peer.name(), () -> {
                    PeerHealth.Reachability r = peerHealth.check(peer);
                    return r.reachable() ? ReadinessCheck.Result.ready(r.detail())
                            : ReadinessCheck.Result.degraded(r.detail() + " (checked " + r.checked() + "; answers that"
                            + " need this peer are partial)");
                }));
            }
        }
        return checks;
    }

    private List<ReadinessCheck> ownChecks() {
        return List.of(
                ReadinessCheck.of("store", () -> {
                    service.pingStore(2);
                    return ReadinessCheck.Result.ready("answers");
                }),
                ReadinessCheck.of("stylesheets", () -> ReadinessCheck.Result.ready(
                        "compiled at start-up for " + Dialect.values().length + " dialects")),
                ReadinessCheck.of("signing-key", () -> {
                    SigningKey key = signer.keys().current(Instant.now());
                    return ReadinessCheck.Result.ready("'" + key.alias() + "' " + key.algorithm().configName()
                            + ", valid until " + key.notAfter());
                }));
    }

    /** The node's metrics, as /metrics serves them. */
    public NodeMetrics metrics() {
        return metrics;
    }

    private Bus newBus() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(StaxUtils.MAX_ELEMENT_DEPTH, XmlLimits.MAX_ELEMENT_DEPTH);
        properties.put(StaxUtils.MAX_ATTRIBUTE_COUNT, XmlLimits.MAX_ATTRIBUTE_COUNT);
        properties.put(StaxUtils.MAX_CHILD_ELEMENTS, XmlLimits.MAX_CHILD_ELEMENTS);
        properties.put(StaxUtils.MAX_ATTRIBUTE_SIZE, XmlLimits.MAX_ATTRIBUTE_LENGTH);
        properties.put(StaxUtils.MAX_TEXT_LENGTH, XmlLimits.MAX_TEXT_LENGTH);
        properties.put(StaxUtils.MAX_ELEMENT_COUNT, XmlLimits.MAX_ELEMENT_COUNT);
        properties.put(AttachmentDeserializer.ATTACHMENT_MAX_COUNT, XmlLimits.MAX_ATTACHMENT_COUNT);
        properties.put(AttachmentDeserializer.ATTACHMENT_MAX_SIZE, XmlLimits.MAX_ATTACHMENT_BYTES);
        // ?wsdl answers with the address the caller used, for both ports
        properties.put("autoRewriteSoapAddressForAllServices", Boolean.TRUE);
        Bus created = new CXFBusFactory().createBus(null, properties);
        // Without a ClassLoader extension, CXF's servlet controller asks the resource manager for one on
        // every request, which searches the whole class path (about a tenth of a small request's CPU).
        created.setExtension(DossierServer.class.getClassLoader(), ClassLoader.class);
        return created;
    }

    private void publish(DossierEndpoint implementor, CallerAuthentication authentication, QName port, String bindingId,
                         String path, String url) {
        EndpointImpl endpoint = new EndpointImpl(bus, implementor, bindingId);
        endpoint.setWsdlLocation(WSDL_LOCATION);
        endpoint.setServiceName(SERVICE);
        endpoint.setEndpointName(port);
        // Answers read as the schemas do: dos: for the canonical dossier, msg: for the messages
        // (JAXB would otherwise invent ns2:, ns3:).
        JAXBDataBinding binding = new JAXBDataBinding();
        binding.setNamespaceMap(Map.of("urn:dossierlink:messages:1", "msg", "urn:dossierlink:dossier:1", "dos"));
        endpoint.setDataBinding(binding);
        Map<String, Object> properties = new HashMap<>();
        properties.put(Message.MTOM_ENABLED, Boolean.TRUE);
        properties.put(Message.SCHEMA_VALIDATION_TYPE, options.schemaValidation() ? "IN" : "NONE");
        properties.putAll(authentication.endpointProperties());
        endpoint.setProperties(properties);
        RequestAccounting requests = new RequestAccounting(metrics, access.audit());
        // first, so that a request refused at once (size, Content-Type) has its id in the fault too
        endpoint.getInInterceptors().add(requests.start());
        endpoint.getInInterceptors().add(new RequestSizeLimit(options.maxRequestBytes(), uploads));
        endpoint.getInInterceptors().add(new ContentTypeGuard(port.equals(SOAP12_PORT) ? Soap12.getInstance()
                : Soap11.getInstance()));
        endpoint.getInInterceptors().add(new ProcessingInstructionGuard());
        endpoint.getInInterceptors().add(authentication);
        Throttling throttling = new Throttling(access.quotas());
        endpoint.getInInterceptors().add(throttling.admit());
        endpoint.getOutInterceptors().add(throttling.header());
        endpoint.getOutInterceptors().add(throttling.countBytes());
        endpoint.getOutFaultInterceptors().add(throttling.header());
        endpoint.getOutFaultInterceptors().add(throttling.countBytes());
        endpoint.getInInterceptors().add(new InvocationMarker());
        if (port.equals(SOAP12_PORT)) {
            endpoint.getInInterceptors().add(new SoapVersionGuard(Soap12.getInstance()));
        }
        endpoint.getOutInterceptors().add(new MtomOnlyForAttachments());
        if (options.signResponses()) {
            endpoint.getOutInterceptors().add(new SignedResponseWriter(signer, metrics));
        }
        endpoint.getOutInterceptors().add(requests.header());
        endpoint.getOutInterceptors().add(requests.stop());
        endpoint.getOutFaultInterceptors().add(requests.header());
        endpoint.getOutFaultInterceptors().add(requests.faultDetail());
        endpoint.getOutFaultInterceptors().add(requests.stop());
        endpoint.getOutFaultInterceptors().add(new MtomOnlyForAttachments());
        endpoint.getOutFaultInterceptors().add(new RequestFaultRewriter(soap11Url(), soap12Url()));
        endpoint.publish(path);
        // The full URL (rather than the servlet-relative path) lets ?wsdl rewrite this port's address
        // correctly to the caller's host and port when the other port's ?wsdl is asked for.
        endpoint.getServer().getEndpoint().getEndpointInfo().setAddress(url);
    }

    /** Stops accepting requests and releases the port. Safe to call more than once. */
    public synchronized void stop() {
        state = State.STOPPED;
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        } finally {
            if (bus != null) {
                bus.shutdown(true);
            }
            jetty = null;
            bus = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The port actually bound (the chosen one when the options said 0). */
    public synchronized int port() {
        if (connector == null || connector.getLocalPort() <= 0) {
            throw new IllegalStateException("the server is not running");
        }
        return connector.getLocalPort();
    }

    /** http://host:port[/context]: where /health and /metrics live. */
    public String rootUrl() {
        String base = baseUrl();
        return base.substring(0, base.length() - "/services".length());
    }

    /** http://host:port[/context]/services */
    public String baseUrl() {
        String host = options.host();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (options.https() ? "https://" : "http://") + host + ":" + port() + options.contextPath() + "/services";
    }

    public String soap11Url() {
        return baseUrl() + SOAP11_PATH;
    }

    public String soap12Url() {
        return baseUrl() + SOAP12_PATH;
    }

    /** The contract as served (the SOAP 1.1 endpoint's ?wsdl; both ports are in it). */
    public String wsdlUrl() {
        return soap11Url() + "?wsdl";
    }

    public List<String> endpointUrls() {
        return List.of(soap11Url(), soap12Url());
    }

    public ServerOptions options() {
        return options;
    }
}
