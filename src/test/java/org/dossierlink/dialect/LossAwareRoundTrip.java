package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.dialect.DialectConverter.Loss;
import org.dossierlink.testsupport.TestDialects;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * The round trips of {@link TestDialects}, with the cannot-hold nodes removed from both documents before
 * the comparison. TestDialects.assertRoundTrip ignores them by node identity, but XMLUnit's
 * ignoreWhitespace() compares whitespace-stripped copies of the documents, so none of the ignored nodes is
 * ever recognised there and every cannot-hold difference is reported (see the DOCDB/USPTO report).
 */
final class LossAwareRoundTrip {

    private LossAwareRoundTrip() {
    }

    /** Dialect → canonical → dialect, apart from the to-canonical cannot-hold paths. */
    static byte[] assertRoundTrip(Dialect d, Path original, Map<String, String> namespaces) {
        byte[] canonical = TestDialects.toCanonical(d, original);
        byte[] back = TestDialects.fromCanonical(d, canonical, original + " (canonical)");
        assertSameExcept(TestDialects.readAll(original), back,
                TestDialects.converter().cannotHold(d, Direction.TO_CANONICAL), namespaces,
                "round trip of " + original + " through canonical", canonical);
        return back;
    }

    /** Canonical → dialect → canonical, apart from the from-canonical cannot-hold paths. */
    static byte[] assertCanonicalRoundTrip(Dialect d, byte[] canonical, String name) {
        byte[] dialect = TestDialects.fromCanonical(d, canonical, name);
        byte[] back = TestDialects.converter().toCanonical(d,
                TestDialects.converter().parse(dialect, name + " (" + d.wireName() + ")"), name);
        assertSameExcept(canonical, back, TestDialects.converter().cannotHold(d, Direction.FROM_CANONICAL),
                Map.of("dos", CanonicalDossierXml.NS), "canonical round trip of " + name + " through " + d.wireName(),
                dialect);
        return back;
    }

    static void assertSameExcept(byte[] expected, byte[] actual, List<Loss> losses, Map<String, String> namespaces,
                                 String what, byte[] middle) {
        Document a = without(TestDialects.dom(expected), losses, namespaces);
        Document b = without(TestDialects.dom(actual), losses, namespaces);
        Diff diff = DiffBuilder.compare(a).withTest(b)
                .ignoreWhitespace().ignoreComments().normalizeWhitespace()
                .checkForSimilar()
                .build();
        assertThat(diff.hasDifferences())
                .as("%s differs beyond the cannot-hold list:%n%s%n--- in between:%n%s%n--- back, less the losses:%n%s", what,
                        diff.fullDescription(), new String(middle, StandardCharsets.UTF_8), serialize(b))
                .isFalse();
    }

    private static Document without(Document doc, List<Loss> losses, Map<String, String> namespaces) {
        for (Loss l : losses) {
            for (Node n : TestDialects.select(doc, l.path(), namespaces)) {
                if (n instanceof Attr attr) {
                    if (attr.getOwnerElement() != null) {
                        attr.getOwnerElement().removeAttributeNode(attr);
                    }
                } else if (n.getParentNode() != null) {
                    n.getParentNode().removeChild(n);
                }
            }
        }
        return doc;
    }

    private static String serialize(Document d) {
        try {
            var t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "no");
            var w = new java.io.StringWriter();
            t.transform(new DOMSource(d), new StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException e) {
            return e.toString();
        }
    }
}
