package org.dossierlink.validation;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * A StAX reader that validates what its caller reads through it: every event it passes on also goes, as the
 * SAX event it stands for, to a {@link ValidatorHandler} of the document's XSD. The caller (a dialect reader)
 * parses the document once, and the validation rides on that parse instead of a parse of its own.
 *
 * <p>It answers one question, {@link #clean()}: did the document pass with nothing to say at all (no error,
 * no warning, no schema hint, no DTD, no entity reference, no resource asked for)? It keeps no report. When the
 * answer is no, the caller validates the document the usual way ({@link DossierValidator#validate(byte[],
 * String, org.dossierlink.dialect.Dialect, ValidationMode)}), whose report (lines, columns, XPaths, drift
 * rules) is the one to give; a clean check is a document that report calls valid. Made by
 * {@link DossierValidator#checking}; one document, one thread.
 */
public final class StreamingCheck extends StreamReaderDelegate {

    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private final ValidatorHandler handler;
    private final Sink sink;
    private final AttributesImpl attributes = new AttributesImpl();
    private int depth;
    private boolean ended;
    private boolean clean = true;

    /** Takes the handler (and its sink) over: a check of the same thread still reading with it stops counting. */
    StreamingCheck(XMLStreamReader reader, ValidatorHandler handler, Sink sink) {
        super(reader);
        this.handler = handler;
        this.sink = sink;
        sink.owner = this;
        try {
            handler.setDocumentLocator(new StaxLocator(reader));
            handler.startDocument();
        } catch (SAXException e) {
            clean = false;
        }
    }

    /**
     * Whether everything read so far validated with nothing to report (false too once another check of the
     * same thread took the validator over).
     */
    public boolean clean() {
        if (sink.owner != this) {
            clean = false;
        }
        return clean;
    }

    /**
     * Reads what the caller left unread up to the end of the document (what follows the root must be
     * well-formed too) and ends the validation.
     *
     * @return {@link #clean()}
     * @throws XMLStreamException when the rest is not well-formed
     */
    public boolean finish() throws XMLStreamException {
        while (!ended && super.hasNext()) {
            next();
        }
        if (!ended) {
            clean = false;
        }
        return clean();
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (clean()) {
            try {
                forward(event);
            } catch (SAXException e) {
                clean = false;
            }
        } else if (event == XMLStreamConstants.END_DOCUMENT) {
            ended = true;
        }
        return event;
    }

    /** As the interface describes it, on {@link #next()} (the delegate's own would pass the events by). */
    @Override
    public int nextTag() throws XMLStreamException {
        int event = next();
        while ((event == XMLStreamConstants.CHARACTERS && isWhiteSpace())
                || (event == XMLStreamConstants.CDATA && isWhiteSpace())
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                || event == XMLStreamConstants.COMMENT) {
            event = next();
        }
        if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected a start or end tag", getLocation());
        }
        return event;
    }

    /** As the interface describes it, on {@link #next()}. */
    @Override
    public String getElementText() throws XMLStreamException {
        if (getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new XMLStreamException("the current event is not a start tag", getLocation());
        }
        StringBuilder text = new StringBuilder();
        int event = next();
        while (event != XMLStreamConstants.END_ELEMENT) {
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.ENTITY_REFERENCE) {
                text.append(getText());
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("the document ended inside a text-only element", getLocation());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("a text-only element holds an element", getLocation());
            }
            event = next();
        }
        return text.toString();
    }

    private void forward(int event) throws SAXException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                if (depth > 0) {
                    handler.characters(getTextCharacters(), getTextStart(), getTextLength());
                }
            }
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> handler.processingInstruction(getPITarget(), getPIData());
            case XMLStreamConstants.COMMENT -> {
            }
            case XMLStreamConstants.END_DOCUMENT -> {
                ended = true;
                handler.endDocument();
            }
            // a DTD, an entity reference, anything else: the usual validation decides
            default -> clean = false;
        }
    }

    private void startElement() throws SAXException {
        for (int i = 0, n = getNamespaceCount(); i < n; i++) {
            handler.startPrefixMapping(nonNull(getNamespacePrefix(i)), nonNull(getNamespaceURI(i)));
        }
        attributes.clear();
        for (int i = 0, n = getAttributeCount(); i < n; i++) {
            String uri = nonNull(getAttributeNamespace(i));
            String local = getAttributeLocalName(i);
            if (XSI.equals(uri) && ("schemaLocation".equals(local) || "noNamespaceSchemaLocation".equals(local))) {
                clean = false; // the usual validation reports hints it does not follow
            }
            attributes.addAttribute(uri, local, qname(getAttributePrefix(i), local), "CDATA", getAttributeValue(i));
        }
        depth++;
        handler.startElement(nonNull(getNamespaceURI()), getLocalName(), qname(getPrefix(), getLocalName()), attributes);
    }

    private void endElement() throws SAXException {
        handler.endElement(nonNull(getNamespaceURI()), getLocalName(), qname(getPrefix(), getLocalName()));
        depth--;
        for (int i = 0, n = getNamespaceCount(); i < n; i++) {
            handler.endPrefixMapping(nonNull(getNamespacePrefix(i)));
        }
    }

    private static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ':' + local;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * The error handler and resource resolver a reused validator handler keeps for good (setting them per
     * document costs the validator a reconfiguration): they mark the check on the way as not clean.
     */
    static final class Sink implements ErrorHandler, org.w3c.dom.ls.LSResourceResolver {
        private final org.w3c.dom.ls.LSResourceResolver refusing;
        /** The check reading with the handler now. */
        StreamingCheck owner;

        Sink(org.w3c.dom.ls.LSResourceResolver refusing) {
            this.refusing = refusing;
        }

        @Override
        public void warning(SAXParseException e) {
            spoil();
        }

        @Override
        public void error(SAXParseException e) {
            spoil();
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            spoil();
            throw e;
        }

        private void spoil() {
            if (owner != null) {
                owner.clean = false;
            }
        }

        @Override
        public org.w3c.dom.ls.LSInput resolveResource(String type, String namespaceURI, String publicId,
                                                      String systemId, String baseURI) {
            spoil();
            return refusing.resolveResource(type, namespaceURI, publicId, systemId, baseURI);
        }
    }

    /** Where the reader is, for the validator's messages. */
    private record StaxLocator(XMLStreamReader reader) implements Locator {
        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }

        @Override
        public int getLineNumber() {
            Location l = reader.getLocation();
            return l == null ? -1 : l.getLineNumber();
        }

        @Override
        public int getColumnNumber() {
            Location l = reader.getLocation();
            return l == null ? -1 : l.getColumnNumber();
        }
    }
}
