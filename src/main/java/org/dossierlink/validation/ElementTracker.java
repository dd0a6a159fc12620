package org.dossierlink.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.validation.ValidationIssue.Severity;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Sits in the SAX stream of one validation run: keeps the stack of open elements (with their
 * positions among same-named siblings, for the XPath), forwards every event to the validator
 * behind it, and collects every error and warning the parser or validator reports, with line,
 * column and the XPath of the element being validated.
 *
 * <p>With a {@link javax.xml.validation.ValidatorHandler} behind it ({@code deferred = false}),
 * the element is pushed before the event is forwarded and popped after, so an error raised while
 * the validator handles a start or end tag is attributed to that element. A validating parser
 * (DTD) reports a start tag's errors before it delivers the start tag ({@code deferred = true}):
 * those errors wait for the next event, and go to the element that event starts.
 */
final class ElementTracker implements ContentHandler, ErrorHandler, DriftRule.ElementContext {

    /** Past this many issues a run stops collecting and says so. */
    static final int MAX_ISSUES = 10_000;
    private static final Pattern CODE = Pattern.compile("^((?:cvc|src|schema_reference|s4s|sch-props|cos|ct|e-props|a-props)[\\w.-]*): (.*)$",
            Pattern.DOTALL);

    private final ContentHandler next;
    private final boolean deferred;
    private final ValidationMode mode;
    private final List<ValidationIssue> issues = new ArrayList<>();
    private final List<SAXParseException> pending = new ArrayList<>();
    private boolean truncated;
    private Locator locator;

    private int depth;
    private String[] ns = new String[32];
    private String[] local = new String[32];
    private String[] qname = new String[32];
    private int[] pos = new int[32];
    @SuppressWarnings("unchecked")
    private Map<String, int[]>[] childCounts = new Map[33];
    private Attributes currentAttributes;
    private final StringBuilder text = new StringBuilder();

    private final String documentSystemId;
    private final java.util.function.UnaryOperator<String> displayName;

    ElementTracker(ContentHandler next, boolean deferred, ValidationMode mode, String documentSystemId,
                   java.util.function.UnaryOperator<String> displayName) {
        this.next = next;
        this.deferred = deferred;
        this.mode = mode;
        this.documentSystemId = documentSystemId;
        this.displayName = displayName;
    }

    List<ValidationIssue> issues() {
        flushPending();
        return issues;
    }

    boolean truncated() {
        return truncated;
    }

    /** An issue of this run's own (a refused resource, a parse that stopped), at the current element. */
    void add(Severity severity, String code, String message) {
        flushPending();
        int line = locator == null ? -1 : locator.getLineNumber();
        int col = locator == null ? -1 : locator.getColumnNumber();
        add(new ValidationIssue(severity, line, col, xpath(), code, message, null));
    }

    /** Whether the parser's own exception (thrown out of parse) is already reported. */
    boolean reported(SAXParseException e) {
        flushPending();
        String msg = e.getMessage();
        for (int i = issues.size() - 1; i >= 0 && i >= issues.size() - 3; i--) {
            ValidationIssue v = issues.get(i);
            if (msg != null && v.message().startsWith(msg)) {
                return true;
            }
        }
        return false;
    }

    private void add(ValidationIssue issue) {
        if (issues.size() < MAX_ISSUES) {
            issues.add(issue);
        } else {
            truncated = true;
        }
    }

    // ---- ErrorHandler ----

    @Override
    public void warning(SAXParseException e) {
        record(Severity.WARNING, e);
    }

    @Override
    public void error(SAXParseException e) {
        record(Severity.ERROR, e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        record(Severity.ERROR, e);
        throw e;
    }

    private void record(Severity severity, SAXParseException e) {
        if (deferred) {
            pending.add(severity == Severity.WARNING ? new Warning(e) : e);
        } else {
            issue(severity, e);
        }
    }

    private void issue(Severity severity, SAXParseException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String code = null;
        Matcher m = CODE.matcher(message);
        if (m.matches()) {
            code = m.group(1);
        }
        int line = e.getLineNumber();
        int column = e.getColumnNumber();
        if (e.getSystemId() != null && !plain(e.getSystemId()).equals(plain(documentSystemId))) {
            // a problem inside a DTD or entity: its place there goes in the message, the document's place in line/column
            message = message + " (in " + displayName.apply(e.getSystemId()) + ":" + line + ":" + column + ")";
            line = locator == null ? -1 : locator.getLineNumber();
            column = locator == null ? -1 : locator.getColumnNumber();
        }
        DriftRule rule = null;
        if (severity == Severity.ERROR && mode == ValidationMode.TOLERANT) {
            rule = DriftRule.find(code, message, this);
            if (rule != null) {
                severity = Severity.WARNING;
            }
        }
        add(new ValidationIssue(severity, line, column, xpath(), code, message, rule));
    }

    private static String plain(String uri) {
        return uri == null ? "" : uri.replaceFirst("^file:/+", "/");
    }

    private void flushPending() {
        if (!pending.isEmpty()) {
            for (SAXParseException e : pending) {
                issue(e instanceof Warning ? Severity.WARNING : Severity.ERROR, e instanceof Warning w ? w.original : e);
            }
            pending.clear();
        }
    }

    /** A deferred warning. */
    private static final class Warning extends SAXParseException {
        final SAXParseException original;

        Warning(SAXParseException e) {
            super(e.getMessage(), e.getPublicId(), e.getSystemId(), e.getLineNumber(), e.getColumnNumber());
            this.original = e;
        }
    }

    // ---- element stack ----

    String xpath() {
        if (depth == 0) {
            return "/";
        }
        StringBuilder b = new StringBuilder(depth * 24);
        for (int i = 0; i < depth; i++) {
            b.append('/').append(qname[i]);
            if (i > 0) {
                b.append('[').append(pos[i]).append(']');
            }
        }
        return b.toString();
    }

    private void push(String uri, String localName, String qName, Attributes atts) {
        if (depth == ns.length) {
            int n = depth * 2;
            ns = Arrays.copyOf(ns, n);
            local = Arrays.copyOf(local, n);
            qname = Arrays.copyOf(qname, n);
            pos = Arrays.copyOf(pos, n);
            childCounts = Arrays.copyOf(childCounts, n + 1);
        }
        String q = qName == null || qName.isEmpty() ? localName : qName;
        Map<String, int[]> siblings = childCounts[depth];
        if (siblings == null) {
            siblings = childCounts[depth] = new HashMap<>();
        }
        int[] count = siblings.computeIfAbsent(q, k -> new int[1]);
        ns[depth] = uri == null ? "" : uri;
        local[depth] = localName;
        qname[depth] = q;
        pos[depth] = ++count[0];
        depth++;
        if (childCounts[depth] != null) {
            childCounts[depth].clear();
        }
        currentAttributes = atts;
        text.setLength(0);
    }

    private void pop() {
        depth--;
        currentAttributes = null;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public boolean is(int up, String namespace, String localName) {
        int i = depth - 1 - up;
        return i >= 0 && localName.equals(local[i]) && namespace.equals(ns[i]);
    }

    @Override
    public boolean hasAncestor(String namespace, String localName) {
        for (int up = 1; up < depth; up++) {
            if (is(up, namespace, localName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String attribute(String localName) {
        return currentAttributes == null ? null : currentAttributes.getValue("", localName);
    }

    @Override
    public String text() {
        return text.toString();
    }

    // ---- ContentHandler ----

    @Override
    public void setDocumentLocator(Locator l) {
        this.locator = l;
        if (next != null) {
            next.setDocumentLocator(l);
        }
    }

    @Override
    public void startDocument() throws SAXException {
        flushPending();
        if (next != null) {
            next.startDocument();
        }
    }

    @Override
    public void endDocument() throws SAXException {
        flushPending();
        if (next != null) {
            next.endDocument();
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        if (next != null) {
            next.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (next != null) {
            next.endPrefixMapping(prefix);
        }
    }

    /** Schema-location hints a compiled schema never follows; the ones the catalog does not map are reported. */
    void checkHints(java.util.function.Predicate<String> catalogued) {
        this.catalogued = catalogued;
    }

    private java.util.function.Predicate<String> catalogued;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private void hints(Attributes atts) {
        String pairs = atts.getValue(XSI, "schemaLocation");
        if (pairs != null) {
            String[] t = pairs.trim().split("\\s+");
            for (int i = 1; i < t.length; i += 2) {
                hint(t[i]);
            }
        }
        String single = atts.getValue(XSI, "noNamespaceSchemaLocation");
        if (single != null) {
            hint(single.trim());
        }
    }

    private void hint(String location) {
        if (!location.isEmpty() && !catalogued.test(location)) {
            add(Severity.WARNING, "refused", "schema location not in " + CatalogResolver.CATALOG_RESOURCE
                    + ", not followed: " + location);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        push(uri, localName, qName, atts);
        flushPending();
        if (catalogued != null && atts.getLength() > 0) {
            hints(atts);
        }
        if (next != null) {
            next.startElement(uri, localName, qName, atts);
        }
        currentAttributes = null;
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        flushPending();
        if (next != null) {
            next.endElement(uri, localName, qName);
        }
        pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        flushPending();
        if (text.length() < 256) {
            text.append(ch, start, Math.min(length, 256 - text.length()));
        }
        if (next != null) {
            next.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        flushPending();
        if (next != null) {
            next.ignorableWhitespace(ch, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        flushPending();
        if (next != null) {
            next.processingInstruction(target, data);
        }
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        flushPending();
        if (next != null) {
            next.skippedEntity(name);
        }
    }
}
