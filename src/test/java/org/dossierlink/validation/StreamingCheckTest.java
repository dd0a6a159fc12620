package org.dossierlink.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamingCheck}: the validation that rides on the canonical reader's parse (bulk import) must call a
 * document clean only when {@link DossierValidator#validate} calls it valid with nothing to report, and must
 * not change what the reader reads.
 */
class StreamingCheckTest {

    private final DossierValidator validator = new DossierValidator();

    private static String edgeCases() throws IOException {
        return Files.readString(Path.of("src/test/resources/dialect/st96/canonical-edge-cases.xml"));
    }

    /** Each dos:dossier of the edge-case file as a document of its own, and the whole file. */
    private static List<String> validDocuments() throws IOException {
        String all = edgeCases();
        List<String> docs = new ArrayList<>();
        docs.add(all);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)<dos:dossier[ >].*?</dos:dossier>").matcher(all);
        while (m.find()) {
            String one = m.group();
            if (!one.contains("xmlns:dos=")) {
                one = one.replaceFirst("<dos:dossier", "<dos:dossier xmlns:dos=\"" + CanonicalDossierXml.NS + "\"");
            }
            docs.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- one record -->\n" + one + "\n");
        }
        return docs;
    }

    private record Outcome(boolean clean, List<CanonicalDossierXml.Entry> entries, Exception failure) {
    }

    private Outcome check(String xml) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            StreamingCheck check = validator.checking(r, Dialect.CANONICAL);
            List<CanonicalDossierXml.Entry> entries = CanonicalDossierXml.read(check, "doc");
            return new Outcome(check.finish(), entries, null);
        } catch (XMLStreamException | RuntimeException e) {
            return new Outcome(false, null, e);
        }
    }

    private ValidationReport report(String xml) {
        return validator.validate(xml.getBytes(StandardCharsets.UTF_8), "doc", Dialect.CANONICAL, ValidationMode.TOLERANT);
    }

    @Test
    void validDocumentsAreCleanAndReadAsThePlainReaderReadsThem() throws IOException {
        List<String> docs = validDocuments();
        assertThat(docs).hasSizeGreaterThanOrEqualTo(3);
        for (String xml : docs) {
            assertThat(report(xml).valid()).as("the usual validation: %s", xml).isTrue();
            assertThat(report(xml).issues()).isEmpty();
            Outcome o = check(xml);
            assertThat(o.failure()).as("%s", xml).isNull();
            assertThat(o.clean()).as("%s", xml).isTrue();
            assertThat(o.entries()).isEqualTo(CanonicalDossierXml.read(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "doc"));
        }
    }

    @Test
    void invalidOrUnusualDocumentsAreNeverClean() throws IOException {
        String good = validDocuments().get(1);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("unknown element", good.replaceFirst("<dos:application>", "<dos:bogus>x</dos:bogus><dos:application>"));
        bad.put("element out of order", good.replaceFirst("(<dos:application>.*?</dos:application>)(\\s*)", "$2")
                .replaceFirst("</dos:dossier>", "<dos:application><dos:office>EP</dos:office><dos:number>1</dos:number>"
                        + "</dos:application></dos:dossier>"));
        bad.put("bad date", good.replaceFirst("<dos:filingDate>[^<]*</dos:filingDate>", "<dos:filingDate>2020-13-45</dos:filingDate>"));
        bad.put("unknown attribute", good.replaceFirst("<dos:application>", "<dos:application foo=\"bar\">"));
        bad.put("text where none belongs", good.replaceFirst("<dos:application>", "<dos:application>stray text"));
        bad.put("schema hint", good.replaceFirst("<dos:dossier", "<dos:dossier xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"" + CanonicalDossierXml.NS + " http://example.org/dossier.xsd\""));
        bad.put("doctype", good.replaceFirst("<!-- one record -->", "<!DOCTYPE dos:dossier []>"));
        bad.put("garbage after the root", good + "<more/>");
        bad.put("cut short", good.substring(0, good.length() / 2));
        bad.put("wrong namespace", good.replace(CanonicalDossierXml.NS, "urn:other"));
        bad.put("mismatched tag", good.replaceFirst("</dos:number>", "</dos:numbr>"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Outcome o = check(e.getValue());
            assertThat(o.clean()).as(e.getKey()).isFalse();
        }
        // and the usual validation calls the schema errors among them invalid (what the importer then reports)
        for (String k : List.of("unknown element", "element out of order", "bad date", "unknown attribute",
                "text where none belongs", "garbage after the root", "cut short", "wrong namespace", "mismatched tag")) {
            assertThat(report(bad.get(k)).valid()).as(k).isFalse();
        }
    }

    @Test
    void aCheckAfterAnInvalidOneStartsAfresh() throws IOException {
        String good = validDocuments().get(1);
        String bad = good.replaceFirst("<dos:application>", "<dos:bogus/><dos:application>");
        for (int i = 0; i < 3; i++) {
            assertThat(check(bad).clean()).isFalse();
            assertThat(check(good.substring(0, good.length() / 3)).clean()).isFalse();
            assertThat(check(good).clean()).as("a valid document after invalid ones").isTrue();
        }
    }

    @Test
    void aSecondCheckOnTheSameThreadTakesTheValidatorOverAndTheFirstStopsCounting() throws Exception {
        String good = validDocuments().get(1);
        XMLStreamReader r1 = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8)));
        StreamingCheck first = validator.checking(r1, Dialect.CANONICAL);
        assertThat(first.next()).isEqualTo(XMLStreamReader.COMMENT);
        XMLStreamReader r2 = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8)));
        StreamingCheck second = validator.checking(r2, Dialect.CANONICAL);
        CanonicalDossierXml.read(second, "second");
        assertThat(second.finish()).isTrue();
        CanonicalDossierXml.read(first, "first"); // reads on, but its validation was taken over
        assertThat(first.finish()).isFalse();
    }

    @Test
    void nextTagAndElementTextBehaveAsTheInterfaceSays() throws Exception {
        String xml = "<?xml version=\"1.0\"?><a xmlns=\"" + CanonicalDossierXml.NS + "\"> <!-- c --> <b>x<!-- c -->y</b><c><d/></c></a>";
        XMLStreamReader r = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        StreamingCheck check = validator.checking(r, Dialect.CANONICAL);
        assertThat(check.nextTag()).isEqualTo(XMLStreamReader.START_ELEMENT);
        assertThat(check.getLocalName()).isEqualTo("a");
        assertThat(check.nextTag()).isEqualTo(XMLStreamReader.START_ELEMENT);
        assertThat(check.getElementText()).isEqualTo("xy");
        assertThat(check.nextTag()).isEqualTo(XMLStreamReader.START_ELEMENT);
        assertThatThrownBy(check::getElementText).isInstanceOf(XMLStreamException.class);
        assertThat(check.finish()).as("<a> is no canonical element").isFalse();
    }

    @Test
    void onlyDialectsWithAnXsdCanBeChecked() throws Exception {
        XMLStreamReader r = SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(DossierValidator.checkable(Dialect.CANONICAL)).isTrue();
        assertThat(DossierValidator.checkable(Dialect.JPO)).isFalse();
        assertThatThrownBy(() -> validator.checking(r, Dialect.JPO)).isInstanceOf(IllegalArgumentException.class);
    }
}
