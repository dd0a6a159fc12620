package org.dossierlink.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.Dialect;
import org.junit.jupiter.api.Test;

/**
 * {@link DossierValidator} reuses one parser and one validator handler per thread and schema: a document's
 * report must not depend on what that thread validated before it (errors, a parse that stopped half-way, a
 * refused resource). Each report of a mixed sequence is compared with the report a fresh validator gives.
 */
class ValidatorReuseTest {

    private record Doc(String name, byte[] bytes, Dialect dialect, ValidationMode mode) {
    }

    private static List<Doc> mixedSequence() throws IOException {
        String family = Files.readString(Corpus.file("epo-ops/responses/family_EP2400812A1.xml"));
        String drifted = Files.readString(Corpus.file("epo-ops/responses/biblio_application_US2016015853W.xml"));
        String invalid = family.replace("<application-reference doc-id=\"340294235\">",
                "<application-reference doc-id=\"340294235\"><stray/>");
        String truncated = family.substring(0, family.length() / 2); // not well-formed: the parse stops half-way
        String refused = family.replaceFirst("<ops:world-patent-data ", "<ops:world-patent-data"
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:schemaLocation=\"http://ops.epo.org http://example.org/ops.xsd\" ");
        List<Doc> docs = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            docs.add(doc("invalid", invalid, Dialect.DOCDB, ValidationMode.TOLERANT));
            docs.add(doc("valid", family, Dialect.DOCDB, ValidationMode.TOLERANT));
            docs.add(doc("truncated", truncated, Dialect.DOCDB, ValidationMode.TOLERANT));
            docs.add(doc("valid", family, null, ValidationMode.STRICT));
            docs.add(doc("drift-strict", drifted, null, ValidationMode.STRICT));
            docs.add(doc("drift-tolerant", drifted, null, ValidationMode.TOLERANT));
            docs.add(doc("refused-hint", refused, null, ValidationMode.STRICT));
            docs.add(doc("not-xml", "<ops:world-patent-data xmlns:ops='http://ops.epo.org'><a></b>", Dialect.DOCDB,
                    ValidationMode.TOLERANT));
            docs.add(doc("valid", family, Dialect.DOCDB, ValidationMode.TOLERANT));
        }
        return docs;
    }

    private static Doc doc(String name, String xml, Dialect dialect, ValidationMode mode) {
        return new Doc(name, xml.getBytes(StandardCharsets.UTF_8), dialect, mode);
    }

    private static ValidationReport fresh(Doc d) {
        return new DossierValidator().validate(d.bytes(), d.name(), d.dialect(), d.mode());
    }

    @Test
    void aBadDocumentFollowedByAGoodOneReportsEachAsAFreshValidatorDoes() throws IOException {
        DossierValidator reused = new DossierValidator();
        List<Doc> docs = mixedSequence();
        for (Doc d : docs) {
            ValidationReport r = reused.validate(d.bytes(), d.name(), d.dialect(), d.mode());
            assertThat(r).as(d.name()).isEqualTo(fresh(d));
            if (d.name().equals("valid")) {
                assertThat(r.valid()).as("a valid document after a bad one").isTrue();
                assertThat(r.issues()).isEmpty();
            } else if (d.name().equals("refused-hint")) {
                assertThat(r.issues()).anySatisfy(i -> assertThat(i.code()).isEqualTo("refused"));
            } else if (!d.name().equals("drift-tolerant")) {
                assertThat(r.valid()).as(d.name()).isFalse();
            }
        }
    }

    @Test
    void threadsValidatingAtOnceEachGetTheirOwnReports() throws Exception {
        DossierValidator shared = new DossierValidator();
        List<Doc> docs = mixedSequence();
        List<ValidationReport> expected = docs.stream().map(ValidatorReuseTest::fresh).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < docs.size() * 3; i++) {
                        int k = (i + offset * 5) % docs.size();
                        Doc d = docs.get(k);
                        assertThat(shared.validate(d.bytes(), d.name(), d.dialect(), d.mode())).as(d.name())
                                .isEqualTo(expected.get(k));
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
