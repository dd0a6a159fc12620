package org.dossierlink.server;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.dossierlink.access.Caller;
import org.dossierlink.access.NonceRegistry;
import org.dossierlink.access.Offices;
import org.dossierlink.linkage.LinkageAssertion;
import org.dossierlink.linkage.LinkageAssertionCheck;
import org.dossierlink.linkage.LinkageRefusedException;
import org.dossierlink.signature.Certificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * In, PRE_PROTOCOL: establishes the calling office of every SOAP request, or refuses it, before anything
 * else reads the body.
 * <ol>
 * <li>A {@code wsse:Security} header is processed by WSS4J: a UsernameToken (PasswordDigest or
 * PasswordText) checked by {@link OfficeCredentialValidator}, a Timestamp required, the token's Created
 * no older than the time-to-live, its nonce never seen before ({@link NonceCache} on a node of its own,
 * {@link SharedReplayCache} when the nodes share a store: never seen by any of them). The user's office is
 * the caller.</li>
 * <li>Otherwise a TLS client certificate whose SHA-256 fingerprint {@code conf/offices.xml} maps to an
 * office, and which is within its validity, names the caller.</li>
 * <li>Otherwise, on a node with the demo flag only, the {@code msg:CallingOffice} header names a configured
 * office, or the caller is the demo office, which sees everything.</li>
 * <li>Otherwise only the public operations (GetServiceInfo, GetSigningCertificates) are served; every
 * other request, including an HTTP GET that is not {@code ?wsdl}/{@code ?xsd}, gets AuthenticationFault
 * with code AUTHENTICATION_REQUIRED and SOAP fault code wsse:FailedAuthentication.</li>
 * </ol>
 * A token that fails is AuthenticationFault AUTHENTICATION_FAILED with WSS4J's fault code
 * (FailedAuthentication, MessageExpired, InvalidSecurity...) and one message for every cause, so a prober
 * learns nothing; the node's log says which check failed.
 */
final class CallerAuthentication extends AbstractSoapInterceptor {

    static final String WSSE_NS = WSS4JConstants.WSSE_NS;
    static final QName SECURITY = new QName(WSSE_NS, "Security");
    static final QName FAILED_AUTHENTICATION = new QName(WSSE_NS, "FailedAuthentication");
    static final QName CALLING_OFFICE = new QName(RequestFaultRewriter.MESSAGES_NS, "CallingOffice");
    static final QName LINKAGE = new QName(LinkageAssertion.NS, LinkageAssertion.ELEMENT);
    /** Operations anyone may call: what the node is and which certificates sign its answers. */
    static final Set<String> PUBLIC_OPERATIONS = Set.of("GetServiceInfo", "GetSigningCertificates");

    private static final Logger LOG = LoggerFactory.getLogger(CallerAuthentication.class);
    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final Offices offices;
    private final boolean demo;
    private final Duration tokenTimeToLive;
    private final WSS4JInInterceptor wss4j;
    private final Map<String, Object> securityProperties;
    private final LinkageAssertionCheck linkage;

    /**
     * @param demo            the demo flag: unauthenticated calls are served
     * @param tokenTimeToLive how old a Timestamp or a UsernameToken's Created may be (and how far in the
     *                        future, for clock skew: a fifth of it, at least 60 s)
     * @param nonces          the nonces used at every node of a shared store, or null for a node of its own
     *                        (nonces kept in this node's memory, {@link NonceCache})
     */
    CallerAuthentication(Offices offices, boolean demo, Duration tokenTimeToLive, Clock clock, NonceRegistry nonces) {
        this(offices, demo, tokenTimeToLive, clock, nonces, null);
    }

    /**
     * @param linkage checks the Linkage header of requests forwarded by peer nodes; null: this node has no
     *                peers, and a Linkage header is refused
     */
    CallerAuthentication(Offices offices, boolean demo, Duration tokenTimeToLive, Clock clock, NonceRegistry nonces,
                         LinkageAssertionCheck linkage) {
        super(Phase.PRE_PROTOCOL);
        this.linkage = linkage;
        this.offices = Objects.requireNonNull(offices, "offices");
        this.demo = demo;
        this.tokenTimeToLive = Objects.requireNonNull(tokenTimeToLive, "tokenTimeToLive");
        long ttl = tokenTimeToLive.toSeconds();
        long future = Math.max(60, ttl / 5);
        Map<String, Object> p = new HashMap<>();
        p.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP);
        p.put(ConfigurationConstants.TTL_TIMESTAMP, Long.toString(ttl));
        p.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP, Long.toString(future));
        p.put(ConfigurationConstants.TTL_USERNAMETOKEN, Long.toString(ttl));
        p.put(ConfigurationConstants.TTL_FUTURE_USERNAMETOKEN, Long.toString(future));
        p.put(ConfigurationConstants.ALLOW_USERNAMETOKEN_NOPASSWORD, "false");
        p.put(WSS4JInInterceptor.VALIDATOR_MAP, Map.of(WSConstants.USERNAME_TOKEN, new OfficeCredentialValidator(offices)));
        this.wss4j = new WSS4JInInterceptor(p);
        // CXF reads these from the message's contextual properties, which include the endpoint's
        this.securityProperties = Map.of(
                SecurityConstants.ENABLE_NONCE_CACHE, Boolean.TRUE,
                SecurityConstants.NONCE_CACHE_INSTANCE, nonces == null
                        ? new NonceCache(tokenTimeToLive.plusSeconds(future), 2_000_000, clock)
                        : new SharedReplayCache(nonces, tokenTimeToLive.plusSeconds(future), clock),
                SecurityConstants.ENABLE_TIMESTAMP_CACHE, Boolean.FALSE);
        getAfter().add(RequestSizeLimit.class.getName());
    }

    /** The nonce cache and its settings, for the properties of the endpoint this interceptor guards. */
    Map<String, Object> endpointProperties() {
        return securityProperties;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        Set<QName> understood = new HashSet<>(wss4j.getUnderstoodHeaders());
        understood.add(CALLING_OFFICE);
        understood.add(LINKAGE);
        return understood;
    }

    @Override
    public Set<java.net.URI> getRoles() {
        return wss4j.getRoles();
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exchange exchange = message.getExchange();
        if (message.hasHeader(LINKAGE)) {
            LinkageAssertion assertion = fromPeer(message);
            exchange.put(LinkageAssertion.class, assertion);
            exchange.put(Caller.class, new Caller(assertion.office(), Caller.Proof.PEER_ASSERTION));
            return;
        }
        if (message.hasHeader(SECURITY)) {
            exchange.put(Caller.class, fromToken(message));
            return;
        }
        Caller fromCertificate = fromCertificate(message);
        if (fromCertificate != null) {
            exchange.put(Caller.class, fromCertificate);
            return;
        }
        if (demo) {
            exchange.put(Caller.class, fromDemoHeader(message));
            return;
        }
        String operation = operation(message);
        if (operation != null && PUBLIC_OPERATIONS.contains(operation)) {
            return;
        }
        throw DeclaredSoapFault.of(message.getVersion(), FAILED_AUTHENTICATION, "AuthenticationFault",
                "AUTHENTICATION_REQUIRED", "this operation needs the calling office's identity: send a WS-Security"
                        + " UsernameToken (PasswordDigest, with a Timestamp) or connect with the TLS client certificate"
                        + " registered for the office", "missing", null);
    }

    private Caller fromToken(SoapMessage message) {
        try {
            wss4j.handleMessage(message);
        } catch (Fault f) {
            WSSecurityException security = null;
            for (Throwable t = f; t != null && security == null; t = t.getCause()) {
                if (t instanceof WSSecurityException w) {
                    security = w;
                }
            }
            QName code = security != null && security.getFaultCode() != null ? security.getFaultCode() : f.getFaultCode();
            String reason = code == null ? "FailedAuthentication" : code.getLocalPart();
            LOG.info("WS-Security refused a request: {} ({})", reason, security == null ? f.getMessage()
                    : security.getErrorCode() + ": " + security.getMessage());
            LOG.debug("WS-Security refusal", f);
            throw DeclaredSoapFault.of(message.getVersion(), code != null && WSSE_NS.equals(code.getNamespaceURI())
                            ? code : FAILED_AUTHENTICATION, "AuthenticationFault", "AUTHENTICATION_FAILED",
                    "the WS-Security header did not authenticate the caller: the UsernameToken needs a known user, the"
                            + " right password (for PasswordDigest: the digest key), a nonce not used before and a Created"
                            + " time, and the Timestamp must be at most " + tokenTimeToLive.toSeconds()
                            + " s old by this node's clock", reason, null);
        }
        SecurityContext context = message.get(SecurityContext.class);
        String user = context == null || context.getUserPrincipal() == null ? null : context.getUserPrincipal().getName();
        String office = user == null ? null : offices.user(user).map(u -> u.office()).orElse(null);
        if (office == null) {
            throw DeclaredSoapFault.of(message.getVersion(), FAILED_AUTHENTICATION, "AuthenticationFault",
                    "AUTHENTICATION_FAILED", "the WS-Security header carries no UsernameToken of a configured office",
                    "FailedAuthentication", null);
        }
        return new Caller(office, Caller.Proof.USERNAME_TOKEN);
    }

    /** A request forwarded by a peer node: its signed Linkage header, checked against the peers file. */
    private LinkageAssertion fromPeer(SoapMessage message) {
        Header header = message.getHeader(LINKAGE);
        try {
            if (linkage == null) {
                throw new LinkageRefusedException("this node is linked to no peer");
            }
            if (!(header instanceof SoapHeader h) || !(h.getObject() instanceof Element e)) {
                throw new LinkageRefusedException("the Linkage header cannot be read");
            }
            return linkage.verify(e);
        } catch (LinkageRefusedException refused) {
            LOG.info("refused a forwarded request: {}", refused.getMessage());
            throw DeclaredSoapFault.of(message.getVersion(), FAILED_AUTHENTICATION, "AuthenticationFault",
                    "AUTHENTICATION_FAILED", "the Linkage header did not authenticate a peer node: "
                            + refused.getMessage(), "linkage", null);
        }
    }

    private Caller fromCertificate(SoapMessage message) {
        Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (!(request instanceof HttpServletRequest http)
                || !(http.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain) || chain.length == 0) {
            return null;
        }
        X509Certificate certificate = chain[0];
        String office = offices.officeForCertificate(Certificates.fingerprint(certificate)).orElse(null);
        if (office == null) {
            return null;
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw DeclaredSoapFault.of(message.getVersion(), FAILED_AUTHENTICATION, "AuthenticationFault",
                    "AUTHENTICATION_FAILED", "the TLS client certificate registered for " + office
                            + " is outside its validity (" + certificate.getNotBefore().toInstant() + " to "
                            + certificate.getNotAfter().toInstant() + "): register a new one", "certificate-validity",
                    null);
        }
        return new Caller(office, Caller.Proof.CLIENT_CERTIFICATE);
    }

    private Caller fromDemoHeader(SoapMessage message) {
        Header header = message.getHeader(CALLING_OFFICE);
        if (header == null) {
            return Caller.DEMO;
        }
        String code = header instanceof SoapHeader h && h.getObject() instanceof Element e
                ? e.getTextContent().trim().toUpperCase(Locale.ROOT) : "";
        if (offices.office(code).isEmpty()) {
            throw DeclaredSoapFault.of(message.getVersion(), null, "AuthenticationFault", "AUTHENTICATION_FAILED",
                    "the CallingOffice header names '" + code + "', which is not an office in this node's offices"
                            + " file; name a configured office, or leave the header out to call as the demo office",
                    "unknown-office", null);
        }
        return new Caller(code, Caller.Proof.DEMO_HEADER);
    }

    /** The local name of the body's first element, read without consuming it; null for none (a GET). */
    private static String operation(SoapMessage message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return null;
        }
        try {
            return reader.getEventType() == XMLStreamConstants.START_ELEMENT ? reader.getLocalName() : null;
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
