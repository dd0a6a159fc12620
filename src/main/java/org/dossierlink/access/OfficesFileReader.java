package org.dossierlink.access;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import org.dossierlink.config.ConfigException;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.xml.SecureXml;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads {@code offices.xml}: one pass of the hardened SAX reader (no DOCTYPE, nothing external) through
 * the {@code xsd/offices.xsd} validator, recording each element with its position; then the checks a
 * schema cannot make. Every problem is collected and thrown together.
 */
final class OfficesFileReader {

    static final String NS = "urn:dossierlink:offices:1";
    static final String SCHEMA_RESOURCE = "xsd/offices.xsd";

    private static final int MAX_PROBLEMS = 200;
    private static volatile Schema schema;

    /** WIPO ST.3 codes of organisations, beside the ISO 3166 country codes. */
    private static final Set<String> ST3_ORGANISATIONS = Set.of("AP", "BX", "EA", "EM", "EP", "GC", "IB", "OA",
            "QZ", "WO", "XN", "XU", "XV");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String CATEGORY_NAMES = Arrays.stream(DocumentGroup.values()).map(DocumentGroup::wireName)
            .collect(Collectors.joining(", "));

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private record Problem(int line, int column, String message) {
    }

    /** One element of the file: its local name, attributes and where its start tag ends. */
    private record Element(String name, Map<String, String> attributes, int line, int column, List<Element> children) {
        String attr(String n) {
            return attributes.get(n);
        }

        String where() {
            return "line " + line;
        }
    }

    private OfficesFileReader(String source) {
        this.source = source;
    }

    static Offices read(InputStream in, String source) {
        return new OfficesFileReader(source).read(in);
    }

    private Offices read(InputStream in) {
        Element root = parse(in);
        Offices result = root == null ? null : check(root);
        if (!problems.isEmpty() || result == null) {
            if (problems.isEmpty()) {
                problem(1, 1, "no offices element");
            }
            StringBuilder msg = new StringBuilder();
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            problems.stream().limit(MAX_PROBLEMS).forEach(p -> msg.append(msg.length() == 0 ? "" : "\n")
                    .append(source).append(':').append(p.line).append(':').append(p.column).append(": ").append(p.message));
            if (problems.size() > MAX_PROBLEMS) {
                msg.append('\n').append(source).append(": ").append(problems.size() - MAX_PROBLEMS).append(" more problems");
            }
            throw new ConfigException(msg.toString());
        }
        return result;
    }

    private void problem(int line, int column, String message) {
        problems.add(new Problem(line, column, message));
    }

    private void problem(Element e, String message) {
        problem(e.line, e.column, message);
    }

    // ---- parse and validate against the schema ----

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            s = SecureXml.bundledSchema(SCHEMA_RESOURCE);
            schema = s;
        }
        return s;
    }

    /** The root element with its tree, or null when the file is not well-formed. */
    private Element parse(InputStream in) {
        ValidatorHandler validator = schema().newValidatorHandler();
        Recorder recorder = new Recorder();
        SchemaErrors errors = new SchemaErrors();
        validator.setErrorHandler(errors);
        validator.setContentHandler(recorder);
        XMLReader reader = SecureXml.xmlReaderRefusingDoctype();
        reader.setContentHandler(validator);
        reader.setErrorHandler(errors);
        try {
            reader.parse(new InputSource(in));
        } catch (SAXParseException e) {
            errors.flush();
            problem(e.getLineNumber(), e.getColumnNumber(), "not well-formed XML: " + e.getMessage());
            return null;
        } catch (SAXException e) {
            problem(1, 1, "cannot read: " + e.getMessage());
            return null;
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read the offices file: " + e.getMessage());
        }
        errors.flush();
        return recorder.root;
    }

    /**
     * The validator's errors as problems. The validator reports a bad attribute value twice (what is wrong
     * with the value, then which attribute holds it): the two become one line.
     */
    private final class SchemaErrors implements ErrorHandler {
        private SAXParseException pending;
        private String pendingDetail;

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            Matcher attribute = ATTRIBUTE_VALUE.matcher(m);
            if (m.startsWith("cvc-enumeration-valid") || m.startsWith("cvc-datatype-valid")) {
                flush();
                pending = e;
                pendingDetail = schemaMessage(m);
            } else if (attribute.find()) {
                String detail = pending != null && pending.getLineNumber() == e.getLineNumber()
                        && pending.getColumnNumber() == e.getColumnNumber() ? pendingDetail
                        : "'" + attribute.group(1) + "' is not valid";
                pending = null;
                problem(e.getLineNumber(), e.getColumnNumber(), "attribute '" + attribute.group(2) + "' of <"
                        + attribute.group(3) + ">: " + detail);
            } else {
                flush();
                problem(e.getLineNumber(), e.getColumnNumber(), schemaMessage(m));
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        void flush() {
            if (pending != null) {
                problem(pending.getLineNumber(), pending.getColumnNumber(), pendingDetail);
                pending = null;
            }
        }
    }

    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile(
            "^cvc-attribute\\.3: The value '(.*)' of attribute '([^']+)' on element '([^']+)' is not valid");
    private static final Pattern ENUMERATION = Pattern.compile(
            "^Value '(.*)' is not facet-valid with respect to enumeration '\\[(.*)\\]'.*", Pattern.DOTALL);
    private static final Pattern DATATYPE = Pattern.compile(
            "^'(.*)' is not a valid value for '(date|boolean)'\\.$", Pattern.DOTALL);

    /** The validator's message without its constraint code, and names without their namespace. */
    static String schemaMessage(String message) {
        String m = message.replaceFirst("^cvc-[\\w.-]+: ", "")
                .replace("\"" + NS + "\":", "")
                .replaceAll("'\\{([^{}]*)\\}'", "'$1'");
        Matcher enumeration = ENUMERATION.matcher(m);
        if (enumeration.matches()) {
            return "'" + enumeration.group(1) + "' is not one of: " + enumeration.group(2);
        }
        Matcher datatype = DATATYPE.matcher(m);
        if (datatype.matches()) {
            return "'" + datatype.group(1) + "' is not " + (datatype.group(2).equals("date")
                    ? "a date written YYYY-MM-DD" : "true or false");
        }
        return m;
    }

    /** Records the elements of the offices namespace, with the position where each start tag ends. */
    private static final class Recorder extends DefaultHandler {
        private Locator locator;
        private Element root;
        private final List<Element> stack = new ArrayList<>();

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getURI(i).isEmpty()) {
                    attrs.put(atts.getLocalName(i), atts.getValue(i));
                }
            }
            String name = NS.equals(uri) ? localName : "{" + uri + "}" + localName;
            Element e = new Element(name, attrs, locator == null ? 1 : locator.getLineNumber(),
                    locator == null ? 1 : locator.getColumnNumber(), new ArrayList<>());
            if (stack.isEmpty()) {
                root = e;
            } else {
                stack.get(stack.size() - 1).children.add(e);
            }
            stack.add(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            stack.remove(stack.size() - 1);
        }
    }

    // ---- the checks a schema cannot make ----

    private Offices check(Element root) {
        if (!root.name.equals("offices")) {
            return null;
        }
        List<Office> offices = new ArrayList<>();
        Map<String, Element> officeElements = new LinkedHashMap<>();
        List<UserCredential> users = new ArrayList<>();
        Map<String, Element> userElements = new HashMap<>();
        Map<String, String> certificates = new LinkedHashMap<>();
        Map<String, Element> certificateElements = new HashMap<>();
        List<Agreement> agreements = new ArrayList<>();
        List<Element> agreementElements = new ArrayList<>();

        for (Element e : root.children) {
            if (e.name.equals("office")) {
                String code = officeCode(e, e.attr("code"), "office code");
                if (code != null && officeElements.containsKey(code)) {
                    problem(e, "office " + code + " is configured twice (first at " + officeElements.get(code).where() + ")");
                    code = null;
                } else if (code != null) {
                    officeElements.put(code, e);
                }
                String name = e.attr("name");
                if (name != null && name.isBlank()) {
                    problem(e, "office " + (code == null ? "" : code + " ") + "has an empty name");
                }
                OfficeRole role = role(e.attr("role"));
                Quota quota = Quota.UNLIMITED;
                for (Element child : e.children) {
                    switch (child.name) {
                        case "username-token" -> user(child, code, users, userElements);
                        case "client-certificate" -> certificate(child, code, certificates, certificateElements);
                        case "quota" -> quota = quota(child);
                        default -> {
                            // reported by the schema
                        }
                    }
                }
                if (code != null && name != null && role != null && quota != null) {
                    offices.add(new Office(code, name.strip(), role, quota));
                }
            } else if (e.name.equals("agreement")) {
                agreementElements.add(e);
            }
        }
        for (Element e : agreementElements) {
            Agreement a = agreement(e, officeElements);
            if (a != null) {
                agreements.add(a);
            }
        }
        return problems.isEmpty() ? new Offices(offices, agreements, users, certificates) : null;
    }

    private String officeCode(Element e, String code, String what) {
        if (code == null) {
            return null;
        }
        if (!code.matches("[A-Z]{2}")) {
            problem(e, what + " '" + code + "' must be a two-letter WIPO ST.3 code in upper case (such as JP, EP, WO)");
            return null;
        }
        if (!ISO_COUNTRIES.contains(code) && !ST3_ORGANISATIONS.contains(code)) {
            problem(e, what + " '" + code + "' is not a WIPO ST.3 code");
            return null;
        }
        return code;
    }

    private static OfficeRole role(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OfficeRole.fromConfigName(text.strip());
        } catch (IllegalArgumentException e) {
            return null; // reported by the schema
        }
    }

    private void user(Element e, String office, List<UserCredential> users, Map<String, Element> seen) {
        String username = e.attr("username");
        String hash = e.attr("password-hash");
        if (username == null || hash == null) {
            return; // reported by the schema
        }
        boolean ok = true;
        if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
            problem(e, "username '" + username + "' must be 1 to 64 letters, digits, dots, dashes, underscores or @");
            ok = false;
        } else if (seen.containsKey(username)) {
            problem(e, "username '" + username + "' is configured twice (first at " + seen.get(username).where() + ")");
            ok = false;
        } else {
            seen.put(username, e);
        }
        PasswordHash password = null;
        try {
            password = PasswordHash.parse(hash);
        } catch (IllegalArgumentException ex) {
            problem(e, "password-hash of user '" + username + "': " + ex.getMessage());
        }
        if (ok && password != null && office != null) {
            users.add(new UserCredential(username, office, password));
        }
    }

    private void certificate(Element e, String office, Map<String, String> certificates, Map<String, Element> seen) {
        String text = e.attr("sha256");
        if (text == null) {
            return;
        }
        String fingerprint = Offices.normalizeFingerprint(text);
        if (fingerprint == null) {
            problem(e, "client-certificate sha256 '" + text + "' is not a SHA-256 fingerprint: 64 hexadecimal digits"
                    + " (32 bytes, colons allowed), as `openssl x509 -noout -fingerprint -sha256 -in CERT.pem` prints it");
        } else if (seen.containsKey(fingerprint)) {
            problem(e, "client certificate " + text + " is configured twice (first at " + seen.get(fingerprint).where()
                    + "); a certificate identifies one office");
        } else {
            seen.put(fingerprint, e);
            if (office != null) {
                certificates.put(fingerprint, office);
            }
        }
    }

    private Quota quota(Element e) {
        String rpm = e.attr("requests-per-minute");
        String bpd = e.attr("bytes-per-day");
        if (rpm == null && bpd == null) {
            problem(e, "quota sets no limit: give requests-per-minute, bytes-per-day or both, or leave the element out");
            return null;
        }
        Long requests = rpm == null ? Long.valueOf(0) : positive(e, "requests-per-minute", rpm, Integer.MAX_VALUE);
        Long bytes = bpd == null ? Long.valueOf(0) : positive(e, "bytes-per-day", bpd, Long.MAX_VALUE);
        return requests == null || bytes == null ? null : new Quota(requests.intValue(), bytes);
    }

    private Long positive(Element e, String name, String text, long max) {
        try {
            long v = Long.parseLong(text.strip());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        problem(e, name + " must be a positive whole number (1 to " + max + "; leave it out for no limit), found '" + text + "'");
        return null;
    }

    private Agreement agreement(Element e, Map<String, Element> offices) {
        String accessing = agreementOffice(e, "accessing", offices);
        String providing = agreementOffice(e, "providing", offices);
        if (accessing != null && accessing.equals(providing)) {
            problem(e, "agreement with " + accessing + " as both accessing and providing office: an office always sees"
                    + " its own dossiers; an agreement is between two different offices");
            accessing = null;
        }
        LocalDate start = date(e, "start");
        LocalDate end = date(e, "end");
        if (start != null && end != null && end.isBefore(start)) {
            problem(e, "agreement " + e.attr("providing") + " to " + e.attr("accessing") + " ends " + end
                    + ", before it starts " + start + " (end is the last day of sharing, start the first)");
            start = null;
        }
        Set<DocumentGroup> categories = EnumSet.noneOf(DocumentGroup.class);
        String list = e.attr("categories");
        if (list != null) {
            Set<String> unknown = new TreeSet<>();
            for (String c : list.strip().split("\\s+")) {
                if (c.isEmpty()) {
                    continue;
                }
                DocumentGroup g = category(c);
                if (g == null) {
                    unknown.add(c);
                } else {
                    categories.add(g);
                }
            }
            if (!unknown.isEmpty()) {
                problem(e, "unknown document categor" + (unknown.size() == 1 ? "y '" : "ies '") + String.join("', '", unknown)
                        + "' (categories: " + CATEGORY_NAMES + ")");
                start = null;
            } else if (categories.isEmpty()) {
                problem(e, "categories is empty: list the categories shared (" + CATEGORY_NAMES
                        + "), or leave the attribute out to share all");
                start = null;
            }
        }
        String confirmed = e.attr("confirmed");
        boolean isConfirmed = confirmed == null || confirmed.strip().equals("true") || confirmed.strip().equals("1");
        if (accessing == null || providing == null || start == null) {
            return null;
        }
        return new Agreement(accessing, providing, start, end, categories, isConfirmed);
    }

    private String agreementOffice(Element e, String attribute, Map<String, Element> offices) {
        String code = officeCode(e, e.attr(attribute), attribute + " office");
        if (code != null && !offices.containsKey(code)) {
            problem(e, attribute + " office " + code + " is not configured: add an <office code=\"" + code
                    + "\"> element, or correct the code (configured: " + String.join(", ", offices.keySet()) + ")");
            return null;
        }
        return code;
    }

    private LocalDate date(Element e, String attribute) {
        String text = e.attr(attribute);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException ex) {
            if (problems.stream().noneMatch(p -> p.line == e.line && p.column == e.column)) {
                // valid for the schema (a time zone, a year beyond 9999) but not a plain calendar date
                problem(e, attribute + " '" + text + "' must be a date written YYYY-MM-DD, without time zone");
            }
            return null;
        }
    }

    private static DocumentGroup category(String wireName) {
        for (DocumentGroup g : DocumentGroup.values()) {
            if (g.wireName().equals(wireName)) {
                return g;
            }
        }
        return null;
    }
}
