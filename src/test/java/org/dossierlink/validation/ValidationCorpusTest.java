package org.dossierlink.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.validation.ValidationReport.SchemaKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator on the real corpus files, strict and tolerant. */
class ValidationCorpusTest {

    static final DossierValidator VALIDATOR = new DossierValidator();

    /** The OPS responses that do not validate against ops.xsd, and the drift rule that accepts each. */
    static final Map<String, List<DriftRule>> OPS_DRIFT = Map.of(
            "biblio_WO2018148832A1.xml", List.of(DriftRule.CITATION_OFFICE),
            "biblio_application_US2016015853W.xml", List.of(DriftRule.CITATION_OFFICE),
            "images_inquiry_example.xml", List.of(DriftRule.IMAGES_DOCUMENT_FORMAT_JPEG),
            "register_events_EP2400812.xml", List.of(DriftRule.REGISTER_EVENTS_DATA),
            "register_procedural_steps_EP2400812.xml", List.of(DriftRule.REGISTER_PROCEDURAL_DATA),
            "register_procedural_steps_EP3221665A1.xml", List.of(DriftRule.REGISTER_PROCEDURAL_DATA));

    static List<Path> opsResponses() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.root().resolve("epo-ops/responses"))) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @Test
    void eighteenOpsResponsesValidateStrictlyAndTheOthersShowTheirDrift() throws IOException {
        List<Path> all = opsResponses();
        assertThat(all).hasSize(24);
        long valid = 0;
        for (Path p : all) {
            ValidationReport r = VALIDATOR.validate(p, null, ValidationMode.STRICT);
            assertThat(r.schema()).isEqualTo("xsd/ops/ops.xsd");
            assertThat(r.schemaKind()).isEqualTo(SchemaKind.XSD);
            boolean drifts = OPS_DRIFT.containsKey(p.getFileName().toString());
            assertThat(r.valid()).as(p + ": " + r.toTextLines()).isEqualTo(!drifts);
            if (drifts) {
                assertThat(r.errors()).allSatisfy(i -> assertThat(i.rule()).isNull());
            }
            valid += r.valid() ? 1 : 0;
        }
        assertThat(valid).isEqualTo(18);
    }

    @ParameterizedTest
    @MethodSource("opsResponses")
    void tolerantModeAcceptsEveryOpsResponseNamingTheRule(Path p) {
        ValidationReport r = VALIDATOR.validate(p, null, ValidationMode.TOLERANT);
        assertThat(r.valid()).as(r.toTextLines().toString()).isTrue();
        List<DriftRule> rules = OPS_DRIFT.getOrDefault(p.getFileName().toString(), List.of());
        assertThat(r.issues().stream().map(ValidationIssue::rule).distinct().toList())
                .containsExactlyElementsOf(rules);
        assertThat(r.issues()).allSatisfy(i -> {
            assertThat(i.severity()).isEqualTo(ValidationIssue.Severity.WARNING);
            assertThat(i.toTextLine("f")).contains("[tolerated: " + i.rule().wireName() + "]");
        });
    }

    @Test
    void driftIssuesCarryLineColumnAndTheXPathOfTheirElement() {
        ValidationReport r = VALIDATOR.validate(Corpus.file("epo-ops/responses/biblio_application_US2016015853W.xml"),
                null, ValidationMode.STRICT);
        assertThat(r.errors()).hasSize(13);
        ValidationIssue third = r.errors().get(2);
        assertThat(third.line()).isEqualTo(239);
        assertThat(third.column()).isEqualTo(118);
        assertThat(third.code()).isEqualTo("cvc-complex-type.3.2.2");
        assertThat(third.xpath()).isEqualTo("/ops:world-patent-data/exchange-documents[1]/exchange-document[1]"
                + "/bibliographic-data[1]/references-cited[1]/citation[3]");
        assertThat(third.message()).contains("'office'");

        ValidationReport img = VALIDATOR.validate(Corpus.file("epo-ops/responses/images_inquiry_example.xml"), null,
                ValidationMode.STRICT);
        assertThat(img.errors()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.line()).isEqualTo(42);
            assertThat(i.xpath()).isEqualTo("/ops:world-patent-data/ops:document-inquiry[1]/ops:inquiry-result[1]"
                    + "/ops:document-instance[3]/ops:document-format-options[1]/ops:document-format[3]");
        });
        ValidationReport reg = VALIDATOR.validate(Corpus.file("epo-ops/responses/register_procedural_steps_EP3221665A1.xml"),
                null, ValidationMode.STRICT);
        assertThat(reg.errors()).singleElement().satisfies(i -> {
            assertThat(i.line()).isEqualTo(12);
            assertThat(i.xpath()).isEqualTo("/ops:world-patent-data/ops:register-search[1]/reg:register-documents[1]"
                    + "/reg:register-document[1]/reg:procedural-data[1]");
        });
    }

    /** OPS family answers put priority-linkage-type after priority-active-indicator; none is in the corpus, so one is made. */
    @Test
    void priorityLinkageTypeInAFamilyMemberIsToleratedThere() throws IOException {
        String family = Files.readString(Corpus.file("epo-ops/responses/family_EP2400812A1.xml"));
        String drifted = family.replaceFirst("<priority-active-indicator>YES</priority-active-indicator>",
                "<priority-active-indicator>YES</priority-active-indicator><priority-linkage-type>W</priority-linkage-type>");
        ValidationReport strict = validate(drifted, ValidationMode.STRICT);
        assertThat(strict.errors()).singleElement().satisfies(i -> {
            assertThat(i.xpath()).isEqualTo("/ops:world-patent-data/ops:patent-family[1]/ops:family-member[1]"
                    + "/priority-claim[1]/priority-linkage-type[1]");
            assertThat(i.line()).isEqualTo(39);
        });
        ValidationReport tolerant = validate(drifted, ValidationMode.TOLERANT);
        assertThat(tolerant.valid()).isTrue();
        assertThat(tolerant.issues()).singleElement()
                .satisfies(i -> assertThat(i.rule()).isEqualTo(DriftRule.FAMILY_MEMBER_PRIORITY_LINKAGE_TYPE));
    }

    /** A rule needs its element, its place and its value: look-alike errors elsewhere stay errors. */
    @Test
    void tolerantModeKeepsLookAlikeErrors() throws IOException {
        String biblio = Files.readString(Corpus.file("epo-ops/responses/biblio_WO2018148832A1.xml"));
        ValidationReport otherAttribute = validate(biblio.replace("<citation ", "<citation rogue=\"1\" "), ValidationMode.TOLERANT);
        assertThat(otherAttribute.errors()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.message()).contains("'rogue'"));
        assertThat(otherAttribute.warningCount()).isEqualTo(2);

        String images = Files.readString(Corpus.file("epo-ops/responses/images_inquiry_example.xml"));
        ValidationReport gif = validate(images.replace("image/jpeg", "image/gif"), ValidationMode.TOLERANT);
        assertThat(gif.valid()).isFalse();
        assertThat(gif.issues()).allSatisfy(i -> assertThat(i.rule()).isNull());

        String family = Files.readString(Corpus.file("epo-ops/responses/family_EP2400812A1.xml"));
        ValidationReport misplaced = validate(family.replaceFirst("<priority-active-indicator>YES</priority-active-indicator>",
                "<priority-active-indicator>YES</priority-active-indicator><priority-doc-attached/>"), ValidationMode.TOLERANT);
        assertThat(misplaced.valid()).isFalse();
    }

    /** Several real errors: every one is reported, each at its own line, column and element. */
    @Test
    void everyErrorIsReportedWithItsPlace() throws IOException {
        String family = Files.readString(Corpus.file("epo-ops/responses/family_EP2400812A1.xml"));
        List<String> lines = family.lines().toList();
        // line 42: second family member gets an undeclared attribute
        String broken = family
                .replaceFirst("(?s)(</ops:family-member>\\s*<ops:family-member) family-id", "$1 bogus=\"x\" family-id")
                // line 63: the second priority claim loses its required kind
                .replaceFirst("(?s)(.*?<priority-claim sequence=\"1\" kind=\"regional\">.*?)<priority-claim sequence=\"1\" kind=\"regional\">",
                        "$1<priority-claim sequence=\"1\">")
                // line 86: the third member's application reference gets an unexpected child
                .replace("<application-reference doc-id=\"340294235\">", "<application-reference doc-id=\"340294235\"><stray/>");
        assertThat(lines.get(41)).contains("<ops:family-member");
        ValidationReport r = validate(broken, ValidationMode.TOLERANT);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(ValidationIssue::line, ValidationIssue::code, ValidationIssue::xpath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(42, "cvc-complex-type.3.2.2",
                                "/ops:world-patent-data/ops:patent-family[1]/ops:family-member[2]"),
                        org.assertj.core.groups.Tuple.tuple(63, "cvc-complex-type.4",
                                "/ops:world-patent-data/ops:patent-family[1]/ops:family-member[2]/priority-claim[1]"),
                        org.assertj.core.groups.Tuple.tuple(86, "cvc-complex-type.2.4.a",
                                "/ops:world-patent-data/ops:patent-family[1]/ops:family-member[3]/application-reference[1]/stray[1]"));
        assertThat(r.errors()).allSatisfy(i -> assertThat(i.column()).isPositive());
        // the validator stands just past the start tag
        assertThat(r.errors().get(0).column()).isEqualTo(lines.get(41).indexOf('>') + 2 + " bogus=\"x\"".length());
    }

    @Test
    void st96ExampleValidatesAgainstTheFlattenedV6Schema() {
        ValidationReport r = VALIDATOR.validate(Corpus.file("st96/examples/PatentPublication_Example.xml"), null,
                ValidationMode.STRICT);
        assertThat(r.dialect()).isEqualTo(Dialect.ST96);
        assertThat(r.schema()).isEqualTo("xsd/st96/PatentPublication_V6_0.xsd");
        assertThat(r.valid()).as(r.toTextLines().toString()).isTrue();
        assertThat(r.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US08926509.xml:xsd/uspto/us-patent-grant-v45-2014-04-03.dtd",
            "US08930553.xml:xsd/uspto/us-patent-grant-v45-2014-04-03.dtd",
            "US20050004437A1.xml:xsd/uspto/us-patent-application-v40-2004-12-02.dtd"})
    void usptoSamplesValidateAgainstTheDtdTheirDoctypeNames(String spec) {
        String[] s = spec.split(":");
        ValidationReport r = VALIDATOR.validate(Corpus.file("uspto/redbook-samples/" + s[0]), null, ValidationMode.STRICT);
        assertThat(r.schemaKind()).isEqualTo(SchemaKind.DTD);
        assertThat(r.schema()).isEqualTo(s[1]);
        assertThat(r.schemaChosenBy()).isEqualTo("doctype");
        assertThat(r.valid()).as(r.toTextLines().toString()).isTrue();
    }

    /** Its DOCTYPE was stripped upstream; its dtd-version names the v4.4 application DTD, which it does not follow. */
    @Test
    void usptoSampleWithoutDoctypeIsCheckedAgainstTheDtdOfItsVersion() {
        ValidationReport r = VALIDATOR.validate(Corpus.file("uspto/redbook-samples/US20210049351A1.xml"), null,
                ValidationMode.STRICT);
        assertThat(r.schema()).isEqualTo("xsd/uspto/us-patent-application-v44-2014-04-03.dtd");
        assertThat(r.schemaChosenBy()).isEqualTo("dialect");
        assertThat(r.errors()).extracting(ValidationIssue::line).containsExactly(251, 290, 301, 477);
        assertThat(r.errors().get(0).xpath()).isEqualTo("/us-patent-application/description[1]/summary-of-invention[1]");
        assertThat(r.errors().get(0).message()).contains("summary-of-invention");
    }

    @Test
    void jpoKindASamplesValidateAgainstJpADtdAndTheKindTOneDoesNot() {
        for (String f : List.of("JP2021044377A.xml", "jp_example2.xml")) {
            ValidationReport r = VALIDATOR.validate(Corpus.file("jpo/jp-gazette-st36/" + f), null, ValidationMode.STRICT);
            assertThat(r.schema()).isEqualTo("xsd/jpo/jp-a.dtd");
            assertThat(r.valid()).as(f + r.toTextLines()).isTrue();
        }
        ValidationReport t = VALIDATOR.validate(Corpus.file("jpo/jp-gazette-st36/jp_example4.xml"), null, ValidationMode.STRICT);
        assertThat(t.valid()).isFalse();
        ValidationIssue first = t.errors().get(0);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.column()).isEqualTo(127); // the injected DOCTYPE does not move it
        assertThat(first.xpath()).isEqualTo("/jp-official-gazette");
        assertThat(first.message()).contains("kind-of-jp", "\"T\"");
        assertThat(t.errors()).anySatisfy(i -> assertThat(i.xpath())
                .isEqualTo("/jp-official-gazette/bibliographic-data[1]/pct-or-regional-filing-data[1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"st36/ep-publication/EP1599469B1_DOC00001.xml:ep-publication",
            "st36/ep-publication/EP1667425A1_toc.xml:ep-toc", "cnipa/cn_new1.xml:cnipa-new",
            "cnipa/CN103492414A_cn_old.xml:cnipa-old"})
    void dialectsWithoutAUsableSchemaSaySoInsteadOfPassing(String spec) {
        String[] s = spec.split(":");
        ValidationReport r = VALIDATOR.validate(Corpus.file(s[0]), null, ValidationMode.STRICT);
        assertThat(r.dialect().wireName()).isEqualTo(s[1]);
        assertThat(r.schemaKind()).isEqualTo(SchemaKind.NONE);
        assertThat(r.schema()).isNull();
        assertThat(r.issues()).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(ValidationIssue.Severity.WARNING);
            assertThat(i.message()).startsWith("no schema available for dialect " + s[1])
                    .endsWith("only well-formedness was checked");
        });
        assertThat(r.toXml()).contains("checked=\"well-formedness\"");
    }

    @Test
    void aDocumentThatIsNotWellFormedIsOneErrorNotAnException() {
        ValidationReport r = validate("<ops:world-patent-data xmlns:ops='http://ops.epo.org'>\n<ops:meta name='a' value='b'>\n</ops:world-patent-data>",
                ValidationMode.STRICT);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(3));
        ValidationReport unknown = validate("<thing/>", ValidationMode.STRICT);
        assertThat(unknown.errors()).singleElement().satisfies(i -> assertThat(i.message()).contains("unknown dossier dialect"));
    }

    @Test
    void schemasAreCompiledOnceAndShared() {
        assertThat(VALIDATOR.schema("ops/ops.xsd")).isSameAs(VALIDATOR.schema("ops/ops.xsd"));
        List<ValidationReport> parallel = opsResponsesUnchecked().parallelStream()
                .map(p -> VALIDATOR.validate(p, null, ValidationMode.STRICT)).toList();
        assertThat(parallel.stream().filter(ValidationReport::valid).count()).isEqualTo(18);
    }

    private static List<Path> opsResponsesUnchecked() {
        try {
            return opsResponses();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidationReport validate(String xml, ValidationMode mode) {
        return VALIDATOR.validate(xml.getBytes(StandardCharsets.UTF_8), "test.xml", null, mode);
    }
}
