package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestKeys;

/** Packages for the bulk tests: synthetic canonical dossiers, some with documents, written by {@link PackageWriter}. */
final class BulkFixtures {

    private BulkFixtures() {
    }

    /** Dossier number i: EP application 9000000+i, claiming a priority shared with its neighbours. */
    static Dossier dossier(int i, String title) {
        String number = Integer.toString(9_000_000 + i);
        return new Dossier(new ApplicationRef("EP", number, "A", "EP" + number + ".1", LocalDate.of(2020, 1, 1).plusDays(i % 300)),
                List.of(new Publication("EP", Integer.toString(3_000_000 + i), "A1", LocalDate.of(2021, 6, 1))),
                List.of(new PriorityClaim(1, "US", Integer.toString(62_000_000 + i / 3), null, LocalDate.of(2019, 1, 1), null, true)),
                List.of(new LocalizedText("en", title)),
                List.of(new Party(1, "Applicant " + i + " & Co <GmbH>", "DE")), List.of(), List.of(),
                List.of(new LocalizedText("en", "An abstract for dossier " + i + ".")), "F" + (i / 3), "bulk-test");
    }

    static Dossier dossier(int i) {
        return dossier(i, "Title of dossier " + i);
    }

    static byte[] document(int i) {
        return ("<?xml version=\"1.0\"?><letter n=\"" + i + "\">Office action for dossier " + i + "</letter>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static DocumentInfo documentInfo(int i) {
        byte[] bytes = document(i);
        return new DocumentInfo("EP" + (9_000_000 + i) + "-OA-1", "OA", "Office action", DocumentGroup.OFFICE_ACTION,
                LocalDate.of(2022, 2, 2), Direction.OUTGOING, "en", "application/xml", 1, bytes.length,
                ContentDigest.sha256(bytes));
    }

    /** Item i in canonical form; every fifth carries one document with its bytes. */
    static byte[] item(int i) {
        return CanonicalDossierXml.toBytes(dossier(i), i % 5 == 0 ? List.of(documentInfo(i)) : List.of());
    }

    static List<PackageWriter.Content> contents(int i) {
        return i % 5 == 0 ? List.of(new PackageWriter.Content(documentInfo(i).id(), "application/xml", document(i)))
                : List.of();
    }

    /** A signed package of items 1..n. */
    static Path writePackage(Path file, int n) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "test-" + n, Instant.parse("2026-11-26T10:00:00Z"), null)) {
            for (int i = 1; i <= n; i++) {
                w.add("EP" + (9_000_000 + i), Dialect.CANONICAL, item(i), contents(i));
            }
            w.finish();
        }
        return file;
    }

    static SignatureVerifier verifier() {
        return new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults());
    }

    static PackageImporter importer(JdbcDossierStore store) {
        return new PackageImporter(new JdbcImportLedger(store), TestDialects.converter(), new NumberNormalizer(), verifier());
    }

    /** Every application of the store with its documents and their bytes, as comparable text, in key order. */
    static List<String> snapshot(JdbcDossierStore store, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (Dossier d : store.findByApplicationKeys(keys)) {
            StringBuilder sb = new StringBuilder(d.toString());
            for (DocumentInfo info : store.documents(d.application().key())) {
                sb.append('\n').append(info).append(" bytes=")
                        .append(ContentDigest.sha256(store.document(d.application().key(), info.id()).orElseThrow().content()));
            }
            out.add(sb.toString());
        }
        return out;
    }

    static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            keys.add("EP" + (9_000_000 + i));
        }
        return keys;
    }
}
