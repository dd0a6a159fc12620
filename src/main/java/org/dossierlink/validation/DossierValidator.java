package org.dossierlink.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.codehaus.stax2.DTDInfo;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.dialect.DialectException;
import org.dossierlink.validation.ValidationIssue.Severity;
import org.dossierlink.validation.ValidationReport.SchemaKind;
import org.dossierlink.xml.SecureXml;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates dossier documents against the XSD or DTD of their dialect, entirely offline: every
 * schema, DTD and entity set comes from {@code xsd/} through {@link CatalogResolver}, and anything
 * the catalog does not map is refused and reported.
 *
 * <p>Every error is reported (up to {@value ElementTracker#MAX_ISSUES}), each with line, column,
 * the XPath of the element and the validator's message. In {@link ValidationMode#TOLERANT} mode the
 * known drift of live OPS data ({@link DriftRule}) becomes warnings naming the rule.
 *
 * <p>Compiled XSDs are cached per schema file and shared: one instance serves any number of threads.
 * DTDs are re-read per document from bytes held in memory (the JDK has no public DTD grammar cache).
 *
 * <p>Dialects with no schema in the corpus ({@code ep-publication}: its DTD
 * {@code ep-patent-document-v1-0.dtd} is missing; {@code ep-toc}: internal DTD subset only;
 * {@code cnipa-new}: no XSD; {@code cnipa-old}: the corpus DTD does not parse; generic {@code st36}) are checked for well-formedness only, and the
 * report says so in a warning and with {@link SchemaKind#NONE}.
 */
public final class DossierValidator {

    /** Where each dialect's schema lives under {@code xsd/}. */
    private static final Map<Dialect, String> XSD = Map.of(
            Dialect.CANONICAL, "dossier.xsd",
            Dialect.ST96, "st96/PatentPublication_V6_0.xsd",
            Dialect.DOCDB, "ops/ops.xsd",
            Dialect.EP_REGISTER, "ops/ops.xsd");
    /** Why a dialect has none. */
    private static final Map<Dialect, String> NO_SCHEMA = Map.of(
            Dialect.EP_PUBLICATION, "its DTD ep-patent-document-v1-0.dtd is not in the corpus",
            Dialect.EP_TOC, "the package table of contents carries only an internal DTD subset",
            Dialect.CNIPA_NEW, "no XSD of the new CNIPA format is in the corpus",
            Dialect.ST36, "generic ST.36 documents have no single DTD, and none is in the corpus",
            Dialect.CNIPA_OLD, "the corpus copy of cn_old.dtd is not well-formed (comments holding '--', "
                    + "Chinese notes inside attribute-list declarations) and no validating parser can read it");
    private static final List<String> USPTO_DTDS = List.of(
            "us-patent-application-v40-2004-12-02.dtd", "us-patent-application-v44-2014-04-03.dtd",
            "us-patent-application-v46-2022-02-17.dtd", "us-patent-grant-v44-2013-05-16.dtd",
            "us-patent-grant-v45-2014-04-03.dtd");
    private static final Pattern USPTO_VERSION = Pattern.compile("v(\\d)\\.?(\\d)(?:\\s+(\\d{4}-\\d{2}-\\d{2}))?.*");

    private static final String OPS_NS = "http://ops.epo.org";

    private final CatalogResolver catalog;
    private final ConcurrentHashMap<String, Schema> schemas = new ConcurrentHashMap<>();
    /** This thread's parser and validator handlers, reused document after document (see {@link Reused}). */
    private final ThreadLocal<Reused> reused = ThreadLocal.withInitial(Reused::new);
    /** This thread's validator handlers for {@link #checking}, each with its sink set once. */
    private final ThreadLocal<Map<String, Checker>> checkers = ThreadLocal.withInitial(java.util.HashMap::new);

    private record Checker(ValidatorHandler handler, StreamingCheck.Sink sink) {
    }

    public DossierValidator() {
        this(CatalogResolver.bundled());
    }

    public DossierValidator(CatalogResolver catalog) {
        this.catalog = catalog;
    }

    public CatalogResolver catalog() {
        return catalog;
    }

    /** Validates a file; its dialect is detected unless given. */
    public ValidationReport validate(Path file, Dialect dialect, ValidationMode mode) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException(file + ": no such file", "file");
        }
        return validate(new Source() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String systemId() {
                return file.toAbsolutePath().normalize().toUri().toString();
            }
        }, file.toString(), dialect, mode);
    }

    /** Validates a document held in memory (a SOAP request's payload); {@code name} names it in the report. */
    public ValidationReport validate(byte[] document, String name, Dialect dialect, ValidationMode mode) {
        return validate(new Source() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(document);
            }

            @Override
            public String systemId() {
                return null;
            }
        }, name, dialect, mode);
    }

    /**
     * Whether {@link #checking} can check documents of this dialect: the dialects validated against an XSD.
     */
    public static boolean checkable(Dialect dialect) {
        return XSD.containsKey(dialect);
    }

    /**
     * A reader that validates the document against its dialect's XSD while {@code reader} is read through it,
     * so a caller that parses the document anyway (to convert it) validates it without a second parse. It
     * says only whether the document is clean ({@link StreamingCheck}); for any other answer, validate it with
     * {@link #validate(byte[], String, Dialect, ValidationMode)}, which gives the report. The validator handler
     * is this thread's, kept from one document to the next: one check at a time per thread (a new check
     * takes it over and the previous one reads as not clean).
     *
     * @throws IllegalArgumentException when the dialect has no XSD ({@link #checkable})
     */
    public StreamingCheck checking(XMLStreamReader reader, Dialect dialect) {
        String xsd = XSD.get(dialect);
        if (xsd == null) {
            throw new IllegalArgumentException("dialect " + dialect.wireName() + " is not validated against an XSD");
        }
        Checker c = checkers.get().computeIfAbsent(xsd, relative -> {
            ValidatorHandler vh = newValidatorHandler(relative);
            StreamingCheck.Sink sink = new StreamingCheck.Sink(catalog.session(what -> { }));
            vh.setErrorHandler(sink);
            vh.setResourceResolver(sink);
            return new Checker(vh, sink);
        });
        return new StreamingCheck(reader, c.handler(), c.sink());
    }

    private interface Source {
        InputStream open() throws IOException;

        String systemId();
    }

    private record Prolog(String rootNs, String root, String dtdVersion, String publicId, String systemId) {
    }

    private ValidationReport validate(Source src, String name, Dialect given, ValidationMode mode) {
        ValidationMode m = mode == null ? ValidationMode.STRICT : mode;
        Prolog prolog;
        Dialect dialect = given;
        try {
            prolog = prolog(src, name);
            if (dialect == null) {
                dialect = detect(src, name, prolog);
            }
        } catch (DialectException e) {
            // not well-formed before the root, or no supported dialect: the one issue there is
            ValidationIssue issue = new ValidationIssue(Severity.ERROR, e.line(), e.column(), "/", null,
                    reason(e), null);
            return new ValidationReport(name, given, SchemaKind.NONE, null, null, m, List.of(issue), false);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }

        String xsd = XSD.get(dialect);
        if (xsd != null) {
            return validateXsd(src, name, dialect, xsd, m);
        }
        if (NO_SCHEMA.containsKey(dialect)) {
            return wellFormedOnly(src, name, dialect, m, NO_SCHEMA.get(dialect));
        }
        return validateDtd(src, name, dialect, prolog, m);
    }

    /**
     * The detected dialect. Any OPS answer ({@code ops:world-patent-data}) is validated against ops.xsd,
     * also the ones that hold no dossier (number service, images inquiry, equivalents): it counts as docdb.
     */
    private static Dialect detect(Source src, String name, Prolog prolog) throws IOException {
        try (InputStream in = src.open()) {
            return DialectDetector.detect(in, name).dialect();
        } catch (DialectException e) {
            if (OPS_NS.equals(prolog.rootNs()) && "world-patent-data".equals(prolog.root())) {
                return Dialect.DOCDB;
            }
            throw e;
        }
    }

    private static String reason(DialectException e) {
        String msg = e.getMessage();
        String prefix = e.source() + ":";
        if (msg.startsWith(prefix)) {
            msg = msg.substring(prefix.length()).replaceFirst("^\\d+:(\\d+:)? ", "").strip();
        }
        return msg;
    }

    // ---- XSD ----

    /** The compiled schema of a file under {@code xsd/}, compiled once and shared. */
    public Schema schema(String relative) {
        return schemas.computeIfAbsent(relative, this::compile);
    }

    private Schema compile(String relative) {
        String url = catalog.bundledUrl(relative);
        List<String> refused = new ArrayList<>();
        SchemaFactory f = SecureXml.schemaFactory();
        f.setResourceResolver(catalog.session(refused::add));
        f.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            Schema s = f.newSchema(new StreamSource(new ByteArrayInputStream(catalog.bytes(url)), url));
            if (!refused.isEmpty()) {
                throw new IllegalStateException("schema xsd/" + relative + " needs resources not in the catalog: " + refused);
            }
            return s;
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot compile schema xsd/" + relative + ": " + e.getMessage(), e);
        }
    }

    private ValidationReport validateXsd(Source src, String name, Dialect dialect, String relative, ValidationMode mode) {
        try (Reused.Lease lease = reused.get().lease()) {
            ValidatorHandler vh = lease.validatorHandler(relative, this::newValidatorHandler);
            ElementTracker tracker = new ElementTracker(vh, false, mode, src.systemId(), catalog::displayName);
            vh.setErrorHandler(tracker);
            tracker.checkHints(location -> catalog.resolveUri(location, src.systemId(), null) != null);
            vh.setResourceResolver(catalog.session(what -> tracker.add(Severity.ERROR, "refused",
                    "external resource refused, not in " + CatalogResolver.CATALOG_RESOURCE + ": " + what)));
            XMLReader reader = lease.reader();
            reader.setContentHandler(tracker);
            reader.setErrorHandler(tracker);
            parse(reader, src, tracker);
            return new ValidationReport(name, dialect, SchemaKind.XSD, "xsd/" + relative, "dialect", mode,
                    tracker.issues(), tracker.truncated());
        }
    }

    private ValidatorHandler newValidatorHandler(String relative) {
        ValidatorHandler vh = schema(relative).newValidatorHandler();
        setIfSupported(vh, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        setIfSupported(vh, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return vh;
    }

    /**
     * One thread's hardened SAX reader ({@link SecureXml#xmlReader()}) and one {@link ValidatorHandler} per
     * schema, made on first need and reused for every later document of that thread: making them costs more
     * than validating a small document. Both are built for that: the parser resets itself at the start of each
     * parse, the validator handler at each startDocument (also after a document that failed half-way). A
     * document's handlers (its {@link ElementTracker}, error handler and resource resolver) are set before
     * each parse and taken off after it ({@link Lease#close}), so nothing of one document reaches the next. A
     * nested validation on the same thread (none is made today) gets fresh ones.
     */
    private static final class Reused {
        private XMLReader reader;
        private final Map<String, ValidatorHandler> handlers = new java.util.HashMap<>();
        private boolean leased;

        Lease lease() {
            boolean own = !leased;
            leased = true;
            return new Lease(own);
        }

        final class Lease implements AutoCloseable {
            private final boolean own;
            private XMLReader leasedReader;
            private ValidatorHandler leasedHandler;

            Lease(boolean own) {
                this.own = own;
            }

            XMLReader reader() {
                if (!own) {
                    return leasedReader = SecureXml.xmlReader();
                }
                if (reader == null) {
                    reader = SecureXml.xmlReader();
                }
                return leasedReader = reader;
            }

            ValidatorHandler validatorHandler(String relative, java.util.function.Function<String, ValidatorHandler> make) {
                return leasedHandler = own ? handlers.computeIfAbsent(relative, make) : make.apply(relative);
            }

            @Override
            public void close() {
                if (!own) {
                    return;
                }
                if (leasedReader != null) {
                    leasedReader.setContentHandler(NO_CONTENT);
                    leasedReader.setErrorHandler(NO_CONTENT);
                }
                if (leasedHandler != null) {
                    leasedHandler.setErrorHandler(null);
                    leasedHandler.setResourceResolver(null);
                }
                leased = false;
            }
        }
    }

    /** What a reused reader holds between documents. */
    private static final org.xml.sax.helpers.DefaultHandler NO_CONTENT = new org.xml.sax.helpers.DefaultHandler();

    private static void setIfSupported(ValidatorHandler vh, String property, Object value) {
        try {
            vh.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // the JDK's validator takes both; another implementation relies on the resolver alone
        }
    }

    // ---- DTD ----

    private ValidationReport validateDtd(Source src, String name, Dialect dialect, Prolog prolog, ValidationMode mode) {
        boolean hasDoctype = prolog.systemId() != null || prolog.publicId() != null;
        String fallback = hasDoctype ? null : defaultDtd(dialect, prolog);
        if (!hasDoctype && fallback == null) {
            return wellFormedOnly(src, name, dialect, mode, "no DTD for " + prolog.root() + " dtd-version '"
                    + prolog.dtdVersion() + "' is bundled");
        }
        Injection injection = null;
        Source input = src;
        if (fallback != null) {
            try {
                injection = Injection.of(src, prolog.root(), catalog.bundledUrl(fallback));
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
            }
            if (injection == null) {
                return wellFormedOnly(src, name, dialect, mode, "the document has no DOCTYPE and is not in an "
                        + "ASCII-compatible encoding, so " + fallback + " cannot be applied");
            }
            input = injection;
        }
        ElementTracker tracker = new ElementTracker(null, true, mode, src.systemId(), catalog::displayName);
        CatalogResolver.Session session = catalog.session(what -> { });
        XMLReader reader = SecureXml.dtdValidatingReader();
        reader.setEntityResolver(session);
        reader.setContentHandler(tracker);
        reader.setErrorHandler(tracker);
        parse(reader, input, tracker);
        String dtd = session.documentDtd();
        List<ValidationIssue> issues = injection == null ? tracker.issues() : injection.shiftBack(tracker.issues());
        return new ValidationReport(name, dialect, SchemaKind.DTD, dtd == null ? null : catalog.displayName(dtd),
                hasDoctype ? "doctype" : "dialect", mode, issues, tracker.truncated());
    }

    /**
     * A document without DOCTYPE, read with {@code <!DOCTYPE root SYSTEM "bundled DTD">} inserted right
     * after its XML declaration (the JDK's parser never asks EntityResolver2 for a default external
     * subset). The insertion stays on line 1, so only line-1 columns past it move, and
     * {@link #shiftBack} moves them back.
     */
    private static final class Injection implements Source {
        private final Source src;
        private final int offset;
        private final byte[] doctype;
        private final int column;

        private Injection(Source src, int offset, byte[] doctype, int column) {
            this.src = src;
            this.offset = offset;
            this.doctype = doctype;
            this.column = column;
        }

        static Injection of(Source src, String root, String dtdUrl) throws IOException {
            byte[] head;
            try (InputStream in = src.open()) {
                head = in.readNBytes(1024);
            }
            int bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                    && (head[2] & 0xff) == 0xBF ? 3 : 0;
            if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                    || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || head[0] == 0 || head[1] == 0)) {
                return null; // UTF-16 or UTF-32
            }
            int offset = bom;
            String start = new String(head, bom, head.length - bom, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (start.startsWith("<?xml")) {
                int end = start.indexOf("?>");
                if (end < 0) {
                    return null;
                }
                offset = bom + end + 2;
            }
            byte[] doctype = ("<!DOCTYPE " + root + " SYSTEM \"" + dtdUrl + "\">")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            return new Injection(src, offset, doctype, offset - bom + 1);
        }

        @Override
        public InputStream open() throws IOException {
            InputStream in = src.open();
            byte[] prefix = in.readNBytes(offset);
            return new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                    new ByteArrayInputStream(prefix), new ByteArrayInputStream(doctype), in)));
        }

        @Override
        public String systemId() {
            return src.systemId();
        }

        List<ValidationIssue> shiftBack(List<ValidationIssue> issues) {
            List<ValidationIssue> out = new ArrayList<>(issues.size());
            for (ValidationIssue i : issues) {
                if (i.line() == 1 && i.column() >= column) {
                    int c = Math.max(column, i.column() - doctype.length);
                    i = new ValidationIssue(i.severity(), i.line(), c, i.xpath(), i.code(), i.message(), i.rule());
                }
                out.add(i);
            }
            return out;
        }
    }

    /** For a document without DOCTYPE: the bundled DTD of its dialect and dtd-version, or null. */
    private static String defaultDtd(Dialect dialect, Prolog p) {
        switch (dialect) {
            case JPO:
                return "jpo/jp-a.dtd";
            case USPTO: {
                Matcher m = USPTO_VERSION.matcher(p.dtdVersion() == null ? "" : p.dtdVersion().trim());
                if (!m.matches()) {
                    return null;
                }
                String prefix = p.root() + "-v" + m.group(1) + m.group(2) + "-";
                for (String f : USPTO_DTDS) {
                    if (f.startsWith(prefix) && (m.group(3) == null || f.equals(prefix + m.group(3) + ".dtd"))) {
                        return "uspto/" + f;
                    }
                }
                return null;
            }
            default:
                return null;
        }
    }


    // ---- no schema ----

    private ValidationReport wellFormedOnly(Source src, String name, Dialect dialect, ValidationMode mode, String why) {
        ElementTracker tracker = new ElementTracker(null, false, mode, src.systemId(), catalog::displayName);
        tracker.add(Severity.WARNING, "no-schema", "no schema available for dialect " + dialect.wireName() + " ("
                + why + "); only well-formedness was checked");
        try (Reused.Lease lease = reused.get().lease()) {
            XMLReader reader = lease.reader();
            reader.setContentHandler(tracker);
            reader.setErrorHandler(tracker);
            parse(reader, src, tracker);
        }
        return new ValidationReport(name, dialect, SchemaKind.NONE, null, null, mode, tracker.issues(), tracker.truncated());
    }

    // ---- common ----

    private static void parse(XMLReader reader, Source src, ElementTracker tracker) {
        try (InputStream in = src.open()) {
            InputSource is = new InputSource(in);
            is.setSystemId(src.systemId());
            reader.parse(is);
        } catch (SAXParseException e) {
            if (!tracker.reported(e)) {
                tracker.add(Severity.ERROR, null, e.getMessage());
            }
        } catch (SAXException e) {
            tracker.add(Severity.ERROR, null, e.getMessage());
        } catch (IOException e) {
            tracker.add(Severity.ERROR, null, "cannot read: " + e.getMessage());
        }
    }

    /** Root element, dtd-version and DOCTYPE ids, read without loading any DTD. */
    private static Prolog prolog(Source src, String name) throws IOException {
        XMLStreamReader r = null;
        try (InputStream in = src.open()) {
            r = SecureXml.inputFactory().createXMLStreamReader(in);
            String publicId = null;
            String systemId = null;
            while (r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD && r instanceof DTDInfo info) {
                    publicId = info.getDTDPublicId();
                    systemId = info.getDTDSystemId();
                }
            }
            return new Prolog(r.getNamespaceURI(), r.getLocalName(), r.getAttributeValue(null, "dtd-version"),
                    publicId, systemId);
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(name, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }
}
