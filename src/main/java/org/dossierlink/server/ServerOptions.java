package org.dossierlink.server;

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
 */
public record ServerOptions(String host, int port, String contextPath, boolean schemaValidation, long maxRequestBytes,
                            boolean signResponses) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

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
    }

    /** 127.0.0.1:8080, schema validation on, request limit from {@link XmlLimits}, responses signed. */
    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_PORT, "", true, XmlLimits.MAX_REQUEST_BYTES, true);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, contextPath, schemaValidation, maxRequestBytes, signResponses);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(host, newPort, contextPath, schemaValidation, maxRequestBytes, signResponses);
    }

    public ServerOptions withSchemaValidation(boolean on) {
        return new ServerOptions(host, port, contextPath, on, maxRequestBytes, signResponses);
    }

    public ServerOptions withMaxRequestBytes(long bytes) {
        return new ServerOptions(host, port, contextPath, schemaValidation, bytes, signResponses);
    }

    /** Unsigned responses: only for measuring what signing costs side by side. */
    public ServerOptions withSigning(boolean on) {
        return new ServerOptions(host, port, contextPath, schemaValidation, maxRequestBytes, on);
    }
}
