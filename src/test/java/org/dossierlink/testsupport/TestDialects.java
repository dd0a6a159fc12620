package org.dossierlink.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.dialect.DialectConverter.Loss;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * What every dialect test needs: one shared {@link DialectConverter} (stylesheets compile once per
 * test JVM), validation against the canonical and ST.96 schemas with both the JDK validator and
 * {@code xmllint --schema}, and the round-trip comparison that ignores exactly what a stylesheet's
 * {@code dl:cannot-hold} list declares.
 */
public final class TestDialects {

    private static final NumberNormalizer NORMALIZER = new NumberNormalizer();
    private static volatile DialectConverter converter;
    private static final Map<Path, Schema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private TestDialects() {
    }

    public static DialectConverter converter() {
        if (converter == null) {
            synchronized (TestDialects.class) {
                if (converter == null) {
                    converter = new DialectConverter(NORMALIZER);
                }
            }
        }
        return converter;
    }

    /** {@code xsd/dossier.xsd} of this checkout. */
    public static Path canonicalSchema() {
        return Path.of("xsd", "dossier.xsd").toAbsolutePath();
    }

    /** The ST.96 V6_0 schema for pat:PatentPublication, in the corpus. */
    public static Path st96Schema() {
        return Corpus.file("st96/schemas/V6_0_flattened/PatentPublication_V6_0.xsd").toAbsolutePath();
    }

    /** Converts a corpus or test file to canonical. */
    public static byte[] toCanonical(Dialect d, Path file) {
        try (var in = Files.newInputStream(file)) {
            return converter().toCanonical(d, converter().parse(in, file.toString()), file.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static byte[] fromCanonical(Dialect d, byte[] canonical, String name) {
        return converter().fromCanonical(d, converter().parse(canonical, name), name);
    }

    /** Asserts the document is valid against the schema, with the JDK validator and with xmllint. */
    public static void assertValid(byte[] xml, Path schema, String what) {
        List<String> errors = jdkErrors(xml, schema);
        assertThat(errors).as("JDK validator, %s against %s:%n%s", what, schema.getFileName(),
                new String(xml, StandardCharsets.UTF_8)).isEmpty();
        String xmllint = xmllint(xml, schema);
        assertThat(xmllint).as("xmllint --schema %s, %s", schema.getFileName(), what).isEqualTo("validates");
    }

    /** Every error the JDK validator reports, as line:column: message. */
    public static List<String> jdkErrors(byte[] xml, Path schema) {
        List<String> errors = new ArrayList<>();
        try {
            Validator v = schema(schema).newValidator();
            v.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }
            });
            v.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    private static Schema schema(Path schema) {
        return SCHEMAS.computeIfAbsent(schema, p -> {
            try {
                SchemaFactory f = SchemaFactory.newDefaultInstance();
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                return f.newSchema(p.toFile());
            } catch (SAXException e) {
                throw new IllegalStateException("schema " + p + " does not load: " + e.getMessage(), e);
            }
        });
    }

    /** Asserts the document is valid against the schema with the JDK validator only (see {@link #xmllintEach}). */
    public static void assertValidJdk(byte[] xml, Path schema, String what) {
        assertThat(jdkErrors(xml, schema)).as("JDK validator, %s against %s:%n%s", what, schema.getFileName(),
                new String(xml, StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * Runs {@code xmllint --nonet --noout --schema} on the document. Returns "validates", or xmllint's
     * output. xmllint comes from Debian's libxml2-utils, which .ci/run installs.
     */
    public static String xmllint(byte[] xml, Path schema) {
        return xmllintEach(Map.of("document", xml), schema).get("document");
    }

    /**
     * {@link #xmllint} of many documents in one xmllint run, which loads the schema once (the ST.96 schema set
     * takes xmllint about five seconds to load). Returns, per name, "validates" or xmllint's lines about that
     * document.
     */
    public static Map<String, String> xmllintEach(Map<String, byte[]> documents, Path schema) {
        try {
            Path dir = Files.createTempDirectory("dossierlink-xmllint");
            try {
                Map<String, Path> files = new java.util.LinkedHashMap<>();
                for (Map.Entry<String, byte[]> d : documents.entrySet()) {
                    Path f = dir.resolve("doc" + files.size() + ".xml");
                    Files.write(f, d.getValue());
                    files.put(d.getKey(), f);
                }
                Map<Path, List<String>> lines = xmllintFiles(List.copyOf(files.values()), schema, null);
                Map<String, String> results = new java.util.LinkedHashMap<>();
                files.forEach((name, f) -> {
                    List<String> about = lines.get(f);
                    results.put(name, about.equals(List.of(f + " validates")) ? "validates" : String.join("\n", about));
                });
                return results;
            } finally {
                try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code xmllint --nonet --noout --schema} on files, in one run: per file, the lines xmllint writes about it
     * (each starts with the file's name, its "validates" or "fails to validate" line included). With a catalog,
     * xmllint resolves schema imports and DTDs through it ({@code XML_CATALOG_FILES}). xmllint comes from Debian's
     * libxml2-utils, which .ci/run installs.
     */
    public static Map<Path, List<String>> xmllintFiles(List<Path> files, Path schema, Path catalog) {
        List<String> command = new ArrayList<>(List.of("xmllint", "--nonet", "--noout", "--schema", schema.toString()));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (catalog != null) {
            pb.environment().put("XML_CATALOG_FILES", catalog.toAbsolutePath().toString());
        }
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("xmllint did not finish in 300 s");
            }
            List<String> lines = out.lines().toList();
            Map<Path, List<String>> about = new java.util.LinkedHashMap<>();
            for (Path f : files) {
                String name = f.toString();
                about.put(f, lines.stream().filter(l -> l.startsWith(name + ":") || l.startsWith(name + " ")).toList());
            }
            return about;
        } catch (IOException e) {
            throw new IllegalStateException("xmllint is not installed (Debian libxml2-utils; .ci/run installs it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts dialect → canonical → dialect gives the original back, apart from what the dialect's
     * to-canonical stylesheet declares canonical cannot hold: its {@code dl:cannot-hold} paths, XPath 1.0
     * on the dialect document, evaluated on both sides. Whitespace-only text and comments are ignored;
     * everything else must match.
     *
     * @param namespaces prefix bindings the cannot-hold paths use
     * @return the round-tripped document, for further assertions
     */
    public static byte[] assertRoundTrip(Dialect d, Path original, Map<String, String> namespaces) {
        byte[] canonical = toCanonical(d, original);
        byte[] back = fromCanonical(d, canonical, original + " (canonical)");
        assertSameExcept(readAll(original), back, converter().cannotHold(d, Direction.TO_CANONICAL), namespaces,
                "round trip of " + original + " through canonical", canonical);
        return back;
    }

    /**
     * Asserts canonical → dialect → canonical gives the canonical document back, apart from what the
     * dialect's from-canonical stylesheet declares the dialect cannot hold: its {@code dl:cannot-hold}
     * paths, XPath 1.0 on the canonical document (prefix {@code dos}).
     */
    public static byte[] assertCanonicalRoundTrip(Dialect d, byte[] canonical, String name) {
        byte[] dialect = fromCanonical(d, canonical, name);
        byte[] back = converter().toCanonical(d, converter().parse(dialect, name + " (" + d.wireName() + ")"), name);
        assertSameExcept(canonical, back, converter().cannotHold(d, Direction.FROM_CANONICAL),
                Map.of("dos", "urn:dossierlink:dossier:1"), "canonical round trip of " + name + " through "
                        + d.wireName(), dialect);
        return back;
    }

    private static void assertSameExcept(byte[] expected, byte[] actual, List<Loss> losses,
                                         Map<String, String> namespaces, String what, byte[] middle) {
        // the listed nodes are removed from both sides first: XMLUnit compares whitespace-stripped copies,
        // so a filter by node identity would never see them
        Document a = dom(expected);
        Document b = dom(actual);
        strip(a, b, losses, namespaces);
        Diff diff = DiffBuilder.compare(a).withTest(b)
                .ignoreWhitespace().ignoreComments().normalizeWhitespace()
                .checkForSimilar()
                .build();
        assertThat(diff.hasDifferences())
                .as("%s differs beyond the cannot-hold list:%n%s%n--- in between:%n%s%n--- back:%n%s", what,
                        diff.fullDescription(), new String(middle, StandardCharsets.UTF_8),
                        new String(actual, StandardCharsets.UTF_8))
                .isFalse();
    }

    /**
     * Removes what the losses select from both documents. Everything is selected before anything is
     * removed (removal shifts positional paths), and an attribute selected on one side is removed from
     * the element at the same place on the other side too (its value may be what changed).
     */
    private static void strip(Document a, Document b, List<Loss> losses, Map<String, String> namespaces) {
        List<Node> na = selectAll(a, losses, namespaces);
        List<Node> nb = selectAll(b, losses, namespaces);
        List<Node> more = new ArrayList<>();
        for (Node n : na) {
            if (n instanceof Attr attr) {
                more.add(counterpart(attr, b));
            }
        }
        for (Node n : nb) {
            if (n instanceof Attr attr) {
                na.add(counterpart(attr, a));
            }
        }
        nb.addAll(more);
        remove(na);
        remove(nb);
    }

    private static List<Node> selectAll(Document doc, List<Loss> losses, Map<String, String> namespaces) {
        List<Node> nodes = new ArrayList<>();
        for (Loss l : losses) {
            Map<String, String> ns = new java.util.HashMap<>(l.namespaces());
            ns.putAll(namespaces);
            nodes.addAll(select(doc, l.path(), ns));
        }
        return nodes;
    }

    /** The attribute of the same name on the element at the same path in the other document, or null. */
    private static Node counterpart(Attr attr, Document other) {
        List<Element> path = new ArrayList<>();
        for (Node p = attr.getOwnerElement(); p instanceof Element e; p = p.getParentNode()) {
            path.add(0, e);
        }
        Node cur = other;
        for (Element e : path) {
            int index = 0;
            for (Node s = e.getPreviousSibling(); s != null; s = s.getPreviousSibling()) {
                if (sameName(s, e)) {
                    index++;
                }
            }
            Node found = null;
            for (Node c = cur.getFirstChild(); c != null && found == null; c = c.getNextSibling()) {
                if (sameName(c, e) && index-- == 0) {
                    found = c;
                }
            }
            if (found == null) {
                return null;
            }
            cur = found;
        }
        return ((Element) cur).getAttributeNodeNS(attr.getNamespaceURI(), attr.getLocalName());
    }

    private static boolean sameName(Node a, Node b) {
        return a.getNodeType() == Node.ELEMENT_NODE && java.util.Objects.equals(a.getNamespaceURI(), b.getNamespaceURI())
                && java.util.Objects.equals(a.getLocalName(), b.getLocalName());
    }

    private static void remove(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof Attr attr) {
                if (attr.getOwnerElement() != null) {
                    attr.getOwnerElement().removeAttributeNode(attr);
                }
            } else if (n != null && n.getParentNode() != null) {
                n.getParentNode().removeChild(n);
            }
        }
    }

    /** Asserts every path of a stylesheet's cannot-hold list matches something in at least one of the inputs. */
    public static void assertLossesAreReal(Dialect d, Direction direction, List<Document> inputs,
                                           Map<String, String> namespaces) {
        List<Loss> losses = converter().cannotHold(d, direction);
        assertThat(losses).as("%s %s declares what it cannot hold", d, direction).isNotEmpty();
        for (Loss l : losses) {
            assertThat(l.reason()).as("reason of %s", l.path()).isNotBlank();
            boolean found = inputs.stream().anyMatch(doc -> !select(doc, l.path(), namespaces).isEmpty());
            assertThat(found).as("%s %s: cannot-hold path %s matches nothing in the test inputs", d, direction,
                    l.path()).isTrue();
        }
    }

    /** Nodes an XPath 1.0 expression selects, with the given prefix bindings. */
    public static List<Node> select(Document doc, String xpath, Map<String, String> namespaces) {
        XPath xp = XPathFactory.newDefaultInstance().newXPath();
        xp.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return namespaces.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return java.util.Collections.emptyIterator();
            }
        });
        try {
            NodeList nl = (NodeList) xp.evaluate(xpath, doc, XPathConstants.NODESET);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < nl.getLength(); i++) {
                out.add(nl.item(i));
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad cannot-hold path " + xpath + ": " + e.getMessage(), e);
        }
    }

    public static Document dom(byte[] xml) {
        try {
            return SecureXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("not XML: " + e.getMessage(), e);
        }
    }

    public static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of every node an XPath 1.0 expression selects, in document order. */
    public static List<String> texts(Document doc, String xpath, Map<String, String> namespaces) {
        return select(doc, xpath, namespaces).stream().map(Node::getTextContent).toList();
    }

    /** Local names and attribute values of an element, for quick assertions in tests. */
    public static String text(Document doc, String xpath, Map<String, String> namespaces) {
        List<Node> n = select(doc, xpath, namespaces);
        return n.isEmpty() ? null : n.get(0).getTextContent();
    }

}
