package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.dossierlink.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DialectDetectorTest {

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("org.dossierlink.dialect.CorpusInstances#arguments")
    void detectsEveryCorpusDossier(String file, Dialect expected) {
        assertThat(DialectDetector.detect(Corpus.file(file)).dialect()).isEqualTo(expected);
    }

    @Test
    void readsDoctypeAndDtdVersion() {
        DialectDetector.Detection d = DialectDetector.detect(Corpus.file("uspto/redbook-samples/US08926509.xml"));
        assertThat(d.doctypeSystemId()).isEqualTo("us-patent-grant-v45-2014-04-03.dtd");
        assertThat(d.dtdVersion()).isEqualTo("v4.5 2014-04-03");
        DialectDetector.Detection ep = DialectDetector.detect(Corpus.file("st36/ep-publication/EP1667425A1_DOC00001.xml"));
        assertThat(ep.doctypePublicId()).isEqualTo("-//EPO//EP PATENT DOCUMENT 1.0//EN");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "epo-ops/responses/number_docdb_to_epodoc_EP2400812A1.xml, holds no dossier",
            "epo-ops/responses/images_inquiry_example.xml, holds no dossier",
            "epo-ops/responses/equivalents_EP2400812A1.xml, holds no dossier",
    })
    void refusesOpsAnswersWithoutDossiers(String file, String message) {
        assertThatThrownBy(() -> DialectDetector.detect(Corpus.file(file)))
                .isInstanceOf(DialectException.class).hasMessageContaining(message).hasMessageContaining(file);
    }

    @Test
    void refusesUnknownRootNamingTheSupportedDialects() {
        assertThatThrownBy(() -> detect("<?xml version='1.0'?>\n<invoice xmlns='urn:x'/>"))
                .isInstanceOf(DialectException.class)
                .hasMessage("in.xml:2:1: unknown dossier dialect: root element {urn:x}invoice; supported: "
                        + Dialect.names());
    }

    @Test
    void refusesUnsupportedUsptoVersion() {
        assertThatThrownBy(() -> detect("<!DOCTYPE us-patent-grant SYSTEM 'ST32-US-Grant-025xml.dtd'>"
                + "<us-patent-grant dtd-version='v4.5 2014-04-03'/>"))
                .isInstanceOf(DialectException.class).hasMessageContaining("ST32-US-Grant-025xml.dtd");
        assertThatThrownBy(() -> detect("<us-patent-grant dtd-version='v2.5 2001'/>"))
                .hasMessageContaining("dtd-version 'v2.5 2001'").hasMessageContaining("supported: ICE DTD v4.0 to v4.7");
        assertThat(detect("<us-patent-application dtd-version='v4.6 2022-02-17'/>").dialect()).isEqualTo(Dialect.USPTO);
    }

    @Test
    void refusesOtherSt96RootsAndOtherEpVersions() {
        assertThatThrownBy(() -> detect("<pat:SearchReport xmlns:pat='" + DialectDetector.ST96_PATENT_NS + "'/>"))
                .hasMessageContaining("pat:SearchReport is not a dossier");
        assertThatThrownBy(() -> detect("<ep-patent-document dtd-version='ep-patent-document-v2-0'/>"))
                .hasMessageContaining("ep-patent-document version not supported");
    }

    @Test
    void refusesNonXmlWithLocation() {
        assertThatThrownBy(() -> detect("not xml at all"))
                .isInstanceOf(DialectException.class).hasMessageStartingWith("in.xml:1:").hasMessageContaining("not well-formed XML");
    }

    @Test
    void neverLoadsTheDtd() {
        // a DOCTYPE pointing at a file that exists must not be read: detection only looks at it
        DialectDetector.Detection d = detect("<!DOCTYPE cn-patent-document SYSTEM 'file:///etc/passwd'>"
                + "<cn-patent-document/>");
        assertThat(d.dialect()).isEqualTo(Dialect.CNIPA_OLD);
        assertThat(d.doctypeSystemId()).isEqualTo("file:///etc/passwd");
    }

    @Test
    void parsesDialectNames() {
        assertThat(Dialect.parse("ST96", "dialect")).isEqualTo(Dialect.ST96);
        assertThat(Dialect.parse("ep_publication", "dialect")).isEqualTo(Dialect.EP_PUBLICATION);
        assertThatThrownBy(() -> Dialect.parse("xyz", "dialect")).hasMessageContaining("unknown dialect 'xyz'");
    }

    private static DialectDetector.Detection detect(String xml) {
        return DialectDetector.detect(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "in.xml");
    }
}
