package org.dossierlink.server;

import java.security.KeyStore;
import java.util.Objects;

import org.dossierlink.xml.XmlLimits;

/**
 * How {@link DossierServer} listens.
 *
 * @param host             interface to bind (127.0.0.1 for local only, 0.0.0.0 for all)
 * @param port             TCP port; 0 picks a free one ({@link DossierServer#port()} tells which)
 * @param contextPath      servlet context path, "" or "/x"; the endpoints live under {@code <contextPath>/services/}
 * @param schemaValidation validate each request against the contract's schemas before it reaches the
 *                         service (an invalid one gets InvalidRequestFault naming the problem)
 * @param maxRequestBytes  largest request body accepted
 * @param signResponses    sign every successful response (always, except in the benchmark that
 *                         measures what signing costs)
 * @param demoAccess       the demo flag: unauthenticated calls are served (as the demo office, or as the office
 *                         named in the CallingOffice header) and plain HTTP is allowed. Off, every call but
 *                         GetServiceInfo and GetSigningCertificates must authenticate, and {@code tls} is required
 * @param tls              the HTTPS key and certificate; null serves plain HTTP (only with {@code demoAccess})
 */
public record ServerOptions(String host, int port, String contextPath, boolean schemaValidation, long maxRequestBytes,
                            boolean signResponses, boolean demoAccess, Tls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    /**
     * The server's TLS key: a keystore holding one private key entry with its certificate chain.
     * TLS client certificates are asked for (not required) and mapped to offices by fingerprint.
     */
    public record Tls(KeyStore keyStore, char[] password) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }
    }

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(contextPath, "contextPath");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
            throw new IllegalArgumentException("contextPath '" + contextPath + "' must be empty or start and not end with /");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        if (!demoAccess && tls == null) {
            throw new IllegalArgumentException("without the demo flag the server needs TLS: configure server.tls.keystore"
                    + " (dossierlink keys tls creates one), or start with --demo for plain HTTP without authentication");
        }
    }

    /**
     * 127.0.0.1:8080, schema validation on, request limit from {@link XmlLimits}, responses signed, and the
     * demo flag on (plain HTTP, no authentication): {@link #withTls} turns it into a production setting.
     */
    public static ServerOptions demo() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, "", true, XmlLimits.MAX_REQUEST_BYTES, true, true, null);
    }

    /** Production: HTTPS with this key, every call authenticated. */
    public static ServerOptions secured(Tls tls) {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, "", true, XmlLimits.MAX_REQUEST_BYTES, true, false,
                Objects.requireNonNull(tls, "tls"));
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, contextPath, schemaValidation, maxRequestBytes, signResponses, demoAccess, tls);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, contextPath, schemaValidation, maxRequestBytes, signResponses, demoAccess, tls);
    }

    public ServerOptions withSchemaValidation(boolean on) {
        return new ServerOptions(host, port, contextPath, on, maxRequestBytes, signResponses, demoAccess, tls);
    }

    public ServerOptions withMaxRequestBytes(long bytes) {
        return new ServerOptions(host, port, contextPath, schemaValidation, bytes, signResponses, demoAccess, tls);
    }

    /** Unsigned responses: only for measuring what signing costs side by side. */
    public ServerOptions withSigning(boolean on) {
        return new ServerOptions(host, port, contextPath, schemaValidation, maxRequestBytes, on, demoAccess, tls);
    }

    /** HTTPS with this key and the demo flag off: every call but the public ones authenticates. */
    public ServerOptions withTls(Tls newTls) {
        return new ServerOptions(host, port, contextPath, schemaValidation, maxRequestBytes, signResponses, false,
                Objects.requireNonNull(newTls, "tls"));
    }

    /** Whether the scheme is https. */
    public boolean https() {
        return tls != null;
    }
}
