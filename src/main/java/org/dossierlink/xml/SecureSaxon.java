package org.dossierlink.xml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;

import org.xml.sax.InputSource;

import net.sf.saxon.lib.ExtensionFunctionDefinition;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.trans.XPathException;

/**
 * The one Saxon-HE processor of this node, locked down: a stylesheet or an input document can reach
 * nothing beyond the input it is given.
 * <ul>
 * <li>Stylesheets are compiled from this node's own {@code xslt/} resources only; an {@code xsl:include}
 * or {@code xsl:import} may name another of them and nothing else.</li>
 * <li>At run time {@code doc()}, {@code document()}, {@code unparsed-text()}, {@code json-doc()},
 * {@code collection()} and {@code xsl:source-document} are refused, as is every
 * {@code xsl:result-document} (the one output is the principal result).</li>
 * <li>Reflexive Java calls, extension instructions and {@code system-property()} access to Java
 * properties are off ({@code ALLOW_EXTERNAL_FUNCTIONS=false}); only the integrated functions this
 * class is given are callable.</li>
 * <li>Input documents are parsed by {@link SecureXml#xmlReader()}: no DTD loading, no external entities.</li>
 * </ul>
 */
public final class SecureSaxon {

    /** Base URI scheme of the bundled stylesheets: {@code dossierlink:/xslt/...}. */
    public static final String STYLESHEET_BASE = "dossierlink:/xslt/";

    private final Processor processor;

    public SecureSaxon(List<ExtensionFunctionDefinition> functions) {
        processor = new Processor(false);
        processor.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
        processor.setConfigurationProperty(Feature.ALLOWED_PROTOCOLS, "");
        processor.getUnderlyingConfiguration().setCollectionFinder((context, uri) -> {
            throw refused("collection", uri);
        });
        for (ExtensionFunctionDefinition f : functions) {
            processor.registerExtensionFunction(f);
        }
    }

    public Processor processor() {
        return processor;
    }

    /**
     * Compiles a stylesheet from the classpath ({@code xslt/name.xsl}).
     *
     * @throws IllegalStateException when the stylesheet is missing or does not compile: that is a
     *                               defect of this build, found at start-up
     */
    public XsltExecutable compileResource(String resource) {
        InputStream in = SecureSaxon.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("stylesheet " + resource + " is not on the classpath");
        }
        return compileResource(resource, in);
    }

    /** True when the classpath holds this stylesheet. */
    public static boolean hasResource(String resource) {
        return SecureSaxon.class.getClassLoader().getResource(resource) != null;
    }

    private XsltExecutable compileResource(String resource, InputStream in) {
        try (in) {
            return compile(new StreamSource(in, "dossierlink:/" + resource));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stylesheet " + resource, e);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("stylesheet " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Compiles a stylesheet given as a source (tests use this for hostile stylesheets). */
    public XsltExecutable compile(Source stylesheet) throws SaxonApiException {
        XsltCompiler compiler = processor.newXsltCompiler();
        compiler.setResourceResolver(SecureSaxon::bundledStylesheet);
        return compiler.compile(stylesheet);
    }

    /** A transformer for one call, with every run-time access to resources refused. */
    public Xslt30Transformer transformer(XsltExecutable executable) {
        Xslt30Transformer t = executable.load30();
        t.setResourceResolver(request -> {
            throw refused("document", request.uri);
        });
        t.setUnparsedTextResolver((uri, encoding, config, fixed) -> {
            throw refused("unparsed-text", uri.toString());
        });
        t.setResultDocumentHandler(SecureSaxon::refuseResultDocument);
        // dynamic errors reach the caller as exceptions with their message; nothing goes to stderr
        t.setErrorReporter(error -> { });
        return t;
    }

    /** Parses an input document securely into a Saxon tree, with line numbers kept. */
    public XdmNode parse(InputStream in, String systemId) throws SaxonApiException {
        DocumentBuilder b = processor.newDocumentBuilder();
        b.setLineNumbering(true);
        InputSource source = new InputSource(in);
        source.setSystemId(systemId);
        return b.build(new SAXSource(SecureXml.xmlReader(), source));
    }

    private static Source bundledStylesheet(ResourceRequest request) throws XPathException {
        String uri = request.uri;
        if (uri != null && uri.startsWith(STYLESHEET_BASE) && ResourceRequest.XSLT_NATURE.equals(request.nature)) {
            String path = URI.create(uri).normalize().getPath();
            if (path != null && path.startsWith("/xslt/") && !path.contains("..")) {
                InputStream in = SecureSaxon.class.getClassLoader().getResourceAsStream(path.substring(1));
                if (in != null) {
                    return new StreamSource(in, uri);
                }
            }
        }
        throw refused("stylesheet module", uri);
    }

    private static net.sf.saxon.s9api.Destination refuseResultDocument(URI uri) {
        throw new IllegalStateException("xsl:result-document refused: a dossierlink conversion has one output ("
                + uri + ")");
    }

    private static XPathException refused(String what, String uri) {
        XPathException e = new XPathException("access refused: a dossierlink stylesheet may not read any " + what
                + " beyond its input (" + uri + ")");
        e.setErrorCode("FODC0002");
        return e;
    }
}
