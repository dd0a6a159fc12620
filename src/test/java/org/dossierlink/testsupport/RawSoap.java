package org.dossierlink.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Hand-written SOAP 1.1 and 1.2 requests over java.net.http, and XPath on the answers. */
public final class RawSoap {

    public static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String MSG_NS = "urn:dossierlink:messages:1";
    public static final String DOS_NS = "urn:dossierlink:dossier:1";
    public static final String ACTION_PREFIX = "urn:dossierlink:service:1:";

    private static final Map<String, String> PREFIXES = Map.of(
            "s11", SOAP11_NS, "s12", SOAP12_NS, "m", MSG_NS, "d", DOS_NS,
            "wsdl", "http://schemas.xmlsoap.org/wsdl/", "xs", "http://www.w3.org/2001/XMLSchema",
            "soap", "http://schemas.xmlsoap.org/wsdl/soap/", "soap12", "http://schemas.xmlsoap.org/wsdl/soap12/",
            "ds", "http://www.w3.org/2000/09/xmldsig#");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public enum Version { SOAP11, SOAP12 }

    private RawSoap() {
    }

    public static String envelope(Version v, String body) {
        String ns = v == Version.SOAP11 ? SOAP11_NS : SOAP12_NS;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"" + ns + "\"><env:Body>"
                + body + "</env:Body></env:Envelope>";
    }

    /** An envelope with these header blocks (XML text) in its Header. */
    public static String envelope(Version v, String header, String body) {
        String ns = v == Version.SOAP11 ? SOAP11_NS : SOAP12_NS;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"" + ns + "\"><env:Header>" + header
                + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>";
    }

    /** Like {@link #post}, through {@code client} (e.g. one with a TLS context). */
    public static HttpResponse<String> post(HttpClient client, String url, Version v, String operation, byte[] payload) {
        return send(client, url, v, operation, payload, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An envelope with the right Content-Type and SOAPAction (1.1) or action parameter (1.2). */
    public static HttpResponse<String> call(String url, Version v, String operation, String body) {
        return post(url, v, operation, envelope(v, body).getBytes(StandardCharsets.UTF_8));
    }

    /** Any bytes, with the headers of version {@code v}; {@code operation} may be null (no action). */
    public static HttpResponse<String> post(String url, Version v, String operation, byte[] payload) {
        return send(url, v, operation, payload, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Like {@link #call}, with the answer's bytes exactly as they came over the wire. */
    public static HttpResponse<byte[]> callForBytes(String url, Version v, String operation, String body) {
        return send(url, v, operation, envelope(v, body).getBytes(StandardCharsets.UTF_8), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(String url, Version v, String operation, byte[] payload,
                                            HttpResponse.BodyHandler<T> handler) {
        return send(HTTP, url, v, operation, payload, handler);
    }

    private static <T> HttpResponse<T> send(HttpClient client, String url, Version v, String operation, byte[] payload,
                                            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        String action = operation == null ? null : ACTION_PREFIX + operation;
        if (v == Version.SOAP11) {
            b.header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", action == null ? "\"\"" : "\"" + action + "\"");
        } else {
            b.header("Content-Type", "application/soap+xml; charset=UTF-8" + (action == null ? "" : "; action=\"" + action + "\""));
        }
        try {
            return client.send(b.build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any bytes with exactly these headers ({@code soapAction} may be null: no SOAPAction header). */
    public static HttpResponse<String> postRaw(String url, String contentType, String soapAction, byte[] payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (soapAction != null) {
            b.header("SOAPAction", soapAction);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Document parse(String xml) {
        try {
            return SecureXml.documentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** String value of an XPath with the prefixes s11, s12, m, d, wsdl, xs, soap, soap12. */
    public static String xpath(Document doc, String expression) {
        try {
            return (String) xp().evaluate(expression, doc, XPathConstants.STRING);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    public static NodeList nodes(Document doc, String expression) {
        try {
            return (NodeList) xp().evaluate(expression, doc, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    private static XPath xp() {
        XPath xp = XPathFactory.newDefaultInstance().newXPath();
        xp.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.getOrDefault(prefix, "");
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xp;
    }
}
