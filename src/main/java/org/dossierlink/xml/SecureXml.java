package org.dossierlink.xml;

import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.EntityResolver2;

/**
 * The one place that creates XML parsers. Every factory here refuses DTD loading, external
 * entities and XInclude, so no input can make this node read a file or open a connection.
 * DOCTYPE declarations are tolerated (real office XML carries them) but never followed. Every limit
 * comes from {@link XmlLimits}: Woodstox's own for StAX, the JDK's security manager limits for SAX and DOM.
 */
public final class SecureXml {

    private static final XMLInputFactory INPUT = newInputFactory(XmlLimits.MAX_CHILD_ELEMENTS, XmlLimits.MAX_ELEMENT_COUNT);
    private static final XMLInputFactory STREAMING_INPUT = newInputFactory(XmlLimits.MAX_STREAMED_CHILD_ELEMENTS,
            XmlLimits.MAX_STREAMED_ELEMENT_COUNT);
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private SecureXml() {
    }

    /** A shared, thread-safe StAX input factory with entities and DTDs off. */
    public static XMLInputFactory inputFactory() {
        return INPUT;
    }

    /**
     * The same hardening, for documents read one element at a time and never held (bulk package manifests
     * and concatenated files of millions of dossiers): only the child and element counts are raised
     * ({@link XmlLimits#MAX_STREAMED_CHILD_ELEMENTS}); every other limit is the one above.
     */
    public static XMLInputFactory streamingInputFactory() {
        return STREAMING_INPUT;
    }

    public static XMLOutputFactory outputFactory() {
        return OUTPUT;
    }

    private static XMLInputFactory newInputFactory(int maxChildren, long maxElements) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver(refuseAll());
        setIfSupported(f, "com.ctc.wstx.maxElementDepth", XmlLimits.MAX_ELEMENT_DEPTH);
        setIfSupported(f, "com.ctc.wstx.maxAttributesPerElement", XmlLimits.MAX_ATTRIBUTE_COUNT);
        setIfSupported(f, "com.ctc.wstx.maxAttributeSize", XmlLimits.MAX_ATTRIBUTE_LENGTH);
        setIfSupported(f, "com.ctc.wstx.maxTextLength", XmlLimits.MAX_TEXT_LENGTH);
        setIfSupported(f, "com.ctc.wstx.maxEntityCount", XmlLimits.MAX_ENTITY_EXPANSIONS);
        setIfSupported(f, "com.ctc.wstx.maxChildrenPerElement", maxChildren);
        setIfSupported(f, "com.ctc.wstx.maxElementCount", maxElements);
        return f;
    }

    private static XMLResolver refuseAll() {
        return (publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        };
    }

    private static void setIfSupported(XMLInputFactory f, String name, Object value) {
        if (f.isPropertySupported(name)) {
            f.setProperty(name, value);
        }
    }

    private static final ThreadLocal<DocumentBuilder> DOCUMENTS = ThreadLocal.withInitial(() -> documentBuilder(true));

    /**
     * A new empty DOM document, from this thread's hardened builder: for building a tree in code (one per
     * signed answer), without making a new parser factory each time.
     */
    public static org.w3c.dom.Document newDocument() {
        return DOCUMENTS.get().newDocument();
    }

    /** A namespace-aware DOM builder that loads no DTD, expands no entity and follows no XInclude. */
    public static DocumentBuilder documentBuilder() {
        return documentBuilder(true);
    }

    /**
     * Like {@link #documentBuilder()}, but a DOCTYPE is an error. For signed documents: an internal
     * subset could declare ID attributes or entities, and neither may change what a signature covers.
     */
    public static DocumentBuilder documentBuilderRefusingDoctype() {
        return documentBuilder(false);
    }

    private static DocumentBuilder documentBuilder(boolean tolerateDoctype) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !tolerateDoctype);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            jdkLimits(f::setAttribute);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new org.xml.sax.SAXException("external entity refused: " + systemId);
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /**
     * A W3C XML Schema factory that reads no external DTD or schema: {@code xs:import},
     * {@code xs:include} and {@code schemaLocation} hints are refused unless the caller sets a
     * resource resolver that serves them from bundled copies. For compiling the node's own schemas.
     */
    public static javax.xml.validation.SchemaFactory schemaFactory() {
        javax.xml.validation.SchemaFactory f = javax.xml.validation.SchemaFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema factory lacks a required security feature", e);
        }
        return f;
    }

    /**
     * A schema bundled on the class path (e.g. {@code xsd/offices.xsd}), compiled with {@link #schemaFactory()};
     * an import or include it makes is refused (the node's configuration schemas are self-contained).
     */
    public static javax.xml.validation.Schema bundledSchema(String resource) {
        java.net.URL url = SecureXml.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        javax.xml.validation.SchemaFactory f = schemaFactory();
        f.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            throw new IllegalStateException(resource + " refers to " + systemId + ", which is not bundled");
        });
        try (java.io.InputStream in = url.openStream()) {
            return f.newSchema(new javax.xml.transform.stream.StreamSource(in, url.toString()));
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalStateException("cannot compile " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #xmlReader()}, but a DOCTYPE is a fatal error. For the node's own configuration
     * files, which have no use for a DTD.
     */
    public static XMLReader xmlReaderRefusingDoctype() {
        XMLReader reader = xmlReader();
        try {
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot refuse a DOCTYPE", e);
        }
        return reader;
    }

    /**
     * A namespace-aware SAX reader with the same refusals as {@link #documentBuilder()}: no DTD is
     * read, no external entity, no XInclude followed, and the limits of {@link XmlLimits} apply. Saxon
     * parses every input document through one of these.
     *
     * <p>Unlike the DOM builder, it does not skip what it will not read: a DOCTYPE or an external entity,
     * general or parameter, that names a URL or a path rather than a file name (the way every office DTD
     * in {@code xsd/catalog.xml} is named) is refused with an {@link ExternalAccessRefused} naming it. What
     * is named by a file name is not read either: it stays empty.
     */
    public static XMLReader xmlReader() {
        XMLReader reader = saxReader(false);
        reader.setEntityResolver(LocalDtdNamesOnly.INSTANCE);
        return reader;
    }

    /** What a reader refused to read: an external entity, or a DTD named by a URL or path. */
    public static final class ExternalAccessRefused extends SAXException {
        private static final long serialVersionUID = 1L;

        ExternalAccessRefused(String message) {
            super(message);
        }
    }

    /**
     * True when a parse failed because something was refused (an {@link ExternalAccessRefused}) or a
     * limit of {@link XmlLimits} was reached (the JDK's JAXP00010xxx errors), rather than because the
     * input is not well-formed.
     */
    public static boolean isRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExternalAccessRefused || t.getMessage() != null && JDK_LIMIT.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern JDK_LIMIT = Pattern.compile("JAXP0001\\d{4}");
    /** A DTD named by a relative file name: {@code us-patent-grant-v45-2014-04-03.dtd}, {@code jp-a.dtd}. */
    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private enum LocalDtdNamesOnly implements EntityResolver2 {
        INSTANCE;

        @Override
        public InputSource getExternalSubset(String name, String baseURI) {
            return null;
        }

        @Override
        public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId)
                throws SAXException {
            boolean named = name != null && !"[dtd]".equals(name);
            if (named) {
                throw new ExternalAccessRefused("external entity '" + name + "' (" + systemId + ") refused: this node"
                        + " reads no external entity");
            }
            // the external subset (the JDK names it "[dtd]", or null, and may use the two-argument method)
            if (systemId != null && LOCAL_NAME.matcher(systemId).matches() && !systemId.contains("..")) {
                return new InputSource(new java.io.StringReader("")); // named by file name: not read
            }
            throw new ExternalAccessRefused("external identifier '" + systemId + "' refused: this node reads no DTD"
                    + " or entity from a URL or path; office DTDs are named by file name (see xsd/catalog.xml)");
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            return resolveEntity(null, publicId, null, systemId);
        }
    }

    /**
     * A DTD-validating SAX reader for the validation service. It reads DTDs and external entities, but
     * only what the entity resolver the caller sets serves (the bundled catalog): the JDK's own access to
     * any URL stays closed, so without that resolver nothing can be read.
     */
    public static XMLReader dtdValidatingReader() {
        return saxReader(true);
    }

    private static XMLReader saxReader(boolean validateDtd) {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setValidating(validateDtd);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // every external entity and DTD goes to the entity resolver the caller sets, which serves or
            // refuses it; the JDK's own access to any URL stays closed (ACCESS_EXTERNAL_DTD below)
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", true);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", true);
            f.setFeature("http://xml.org/sax/features/use-entity-resolver2", true);
            XMLReader reader = f.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            BiConsumer<String, Object> set = (name, value) -> {
                try {
                    reader.setProperty(name, value);
                } catch (SAXException e) {
                    throw new IllegalStateException("the JDK's SAX parser does not take " + name, e);
                }
            };
            jdkLimits(set);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required security feature", e);
        }
    }

    private static final String JDK_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/";

    /** The JDK parser's security limits, from {@link XmlLimits}. */
    private static void jdkLimits(BiConsumer<String, Object> set) {
        set.accept(JDK_PROPERTY + "entityExpansionLimit", XmlLimits.MAX_ENTITY_EXPANSIONS);
        set.accept(JDK_PROPERTY + "maxGeneralEntitySizeLimit", XmlLimits.MAX_ENTITY_SIZE);
        set.accept(JDK_PROPERTY + "maxParameterEntitySizeLimit", XmlLimits.MAX_ENTITY_SIZE);
        set.accept(JDK_PROPERTY + "totalEntitySizeLimit", XmlLimits.MAX_TOTAL_ENTITY_SIZE);
        set.accept(JDK_PROPERTY + "elementAttributeLimit", XmlLimits.MAX_ATTRIBUTE_COUNT);
        set.accept(JDK_PROPERTY + "maxElementDepth", XmlLimits.MAX_ELEMENT_DEPTH);
    }
}
