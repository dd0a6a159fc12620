package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.junit.jupiter.api.Test;

class CanonicalDossierXmlTest {

    static Dossier sample() {
        return new Dossier(new ApplicationRef("US", "201113167395", "A", "13/167,395", LocalDate.of(2011, 6, 23)),
                List.of(new Publication("US", "2012057518", "A1", LocalDate.of(2012, 3, 8)),
                        new Publication("US", "9648662", "B2", null)),
                List.of(new PriorityClaim(1, "EP", "10167109", "10167109.7", LocalDate.of(2010, 6, 24),
                                PriorityKind.REGIONAL, true),
                        new PriorityClaim(2, "WO", "2010FI050123", null, null, null, false)),
                List.of(new LocalizedText("en", "Bluetooth networking & <mesh>")),
                List.of(new Party(1, "9Solutions Oy", "FI")),
                List.of(new Party(1, "Herrala, Sami", null), new Party(2, "Kylmänen, Jari", "FI")),
                List.of(new Classification(Classification.Scheme.CPC, "H04W 84/20"),
                        new Classification(Classification.Scheme.NATIONAL, "455/41.2")),
                List.of(new LocalizedText(null, "An apparatus enabling a Bluetooth mesh network.")),
                "43088294", "docdb");
    }

    static DocumentInfo doc() {
        return new DocumentInfo("D1", "CTNF", "Non-final rejection", DocumentGroup.OFFICE_ACTION,
                LocalDate.of(2013, 1, 2), Direction.OUTGOING, "en", "application/pdf", 12, 34567,
                "a".repeat(64));
    }

    @Test
    void writesWhatItReadsBackFieldForField() {
        byte[] xml = CanonicalDossierXml.toBytes(sample(), List.of(doc()));
        List<CanonicalDossierXml.Entry> read = CanonicalDossierXml.read(new ByteArrayInputStream(xml), "t.xml");
        assertThat(read).hasSize(1);
        assertThat(read.get(0).dossier()).isEqualTo(sample());
        assertThat(read.get(0).documents()).containsExactly(doc());
    }

    @Test
    void outputValidatesAgainstTheCanonicalSchema() throws Exception {
        var schema = SchemaFactory.newDefaultInstance().newSchema(Path.of("xsd", "dossier.xsd").toFile());
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(
                CanonicalDossierXml.toBytes(sample(), List.of(doc())))));
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        CanonicalDossierXml.writeAll(many, List.of(new CanonicalDossierXml.Entry(sample(), List.of()),
                new CanonicalDossierXml.Entry(sample(), List.of(doc()))));
        var v = schema.newValidator();
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.validate(new StreamSource(new ByteArrayInputStream(many.toByteArray())));
        assertThat(CanonicalDossierXml.read(new ByteArrayInputStream(many.toByteArray()), "many.xml")).hasSize(2);
    }

    @Test
    void errorsNameFileLineAndReason() {
        String bad = "<dos:dossier xmlns:dos='urn:dossierlink:dossier:1'>\n"
                + "<dos:application><dos:office>EP</dos:office><dos:number>1</dos:number>"
                + "<dos:filingDate>24.06.2010</dos:filingDate></dos:application></dos:dossier>";
        assertThatThrownBy(() -> CanonicalDossierXml.read(stream(bad), "bad.xml"))
                .isInstanceOf(DialectException.class)
                .hasMessageStartingWith("bad.xml:2:")
                .hasMessageContaining("filingDate must be a date YYYY-MM-DD, found '24.06.2010'");
        assertThatThrownBy(() -> CanonicalDossierXml.read(stream("<dos:dossier xmlns:dos='urn:dossierlink:dossier:1'>\n<oops"), "cut.xml"))
                .isInstanceOf(DialectException.class)
                .hasMessageStartingWith("cut.xml:2:")
                .hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> CanonicalDossierXml.read(stream("<dos:dossier xmlns:dos='urn:dossierlink:dossier:1'/>"), "empty.xml"))
                .hasMessageContaining("dos:dossier has no dos:application");
    }

    @Test
    void refusesExternalEntities() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<dos:dossier xmlns:dos='urn:dossierlink:dossier:1'><dos:application><dos:office>EP</dos:office>"
                + "<dos:number>&x;</dos:number></dos:application></dos:dossier>";
        assertThatThrownBy(() -> CanonicalDossierXml.read(stream(xxe), "xxe.xml"))
                .isInstanceOf(DialectException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
