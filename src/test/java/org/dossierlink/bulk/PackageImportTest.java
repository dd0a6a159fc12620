package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Package import and export against a real store: H2 ({@link PackageImportH2Test}) and PostgreSQL
 * ({@link PackageImportPostgresTest}, in a schema of its own).
 */
abstract class PackageImportTest {

    @TempDir
    Path dir;

    JdbcDossierStore store;
    JdbcImportLedger ledger;
    PackageImporter importer;

    protected abstract JdbcDossierStore openStore() throws Exception;

    protected abstract void dropStore() throws Exception;

    /** A second, empty store (for export -> import). */
    protected abstract JdbcDossierStore openSecondStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        ledger = new JdbcImportLedger(store);
        importer = new PackageImporter(ledger, TestDialects.converter(), new org.dossierlink.number.NumberNormalizer(),
                BulkFixtures.verifier());
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        dropStore();
    }

    @Test
    void signedPackageIsImportedItemByItemWithASignedReceipt() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 12);
        assertThat(PackageImporter.formOf(pkg)).contains(PackageForm.ZIP);
        List<ImportProgress> seen = new ArrayList<>();
        ImportSummary s = importer.importPackage(pkg, ImportOptions.defaults().withTicket("t-1")
                .withListener((p, o) -> seen.add(p)));

        assertThat(s.completed()).isTrue();
        assertThat(s.run().ticket()).isEqualTo("t-1");
        assertThat(s.totals()).isEqualTo(new ImportTotals(12, 0, 0, 0));
        assertThat(s.run().lastSeq()).isEqualTo(12);
        assertThat(s.run().itemCount()).isEqualTo(12);
        assertThat(seen).hasSize(12);
        assertThat(seen.get(11).itemsDone()).isEqualTo(12);
        assertThat(seen.get(11).bytesDone()).isPositive().isLessThanOrEqualTo(seen.get(11).bytesTotal());
        assertThat(store.applicationCount()).isEqualTo(12);
        assertThat(store.findByApplicationKey("EP9000003")).contains(BulkFixtures.dossier(3));
        assertThat(store.document("EP9000005", BulkFixtures.documentInfo(5).id()).orElseThrow().content())
                .isEqualTo(BulkFixtures.document(5));

        byte[] receipt = receipt("t-1");
        Document doc = SecureXml.documentBuilder().parse(new ByteArrayInputStream(receipt));
        new SignatureVerifier(TestKeys.trust(), org.dossierlink.signature.VerificationLimits.defaults()).verify(doc);
        String text = new String(receipt, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<pkg:receipt xmlns:pkg=\"urn:dossierlink:package:1\">")
                .contains("<pkg:totals items=\"12\" rejected=\"0\" replaced=\"0\" stored=\"12\" unchanged=\"0\"></pkg:totals>")
                .contains("<pkg:item application=\"EP9000007\" path=\"dossiers/0000007-EP9000007.xml\" seq=\"7\" status=\"stored\"></pkg:item>")
                .contains("<pkg:status>completed</pkg:status>");
        TestDialects.assertValidJdk(stripSignature(receipt), Path.of("xsd", "package.xsd"), "receipt");
    }

    @Test
    void reimportIsAllUnchangedAndAChangedItemIsReplacedWithHistory() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 6);
        importer.importPackage(pkg, ImportOptions.defaults());
        ImportSummary again = importer.importPackage(pkg, ImportOptions.defaults());
        assertThat(again.resumed()).isFalse();
        assertThat(again.totals()).isEqualTo(new ImportTotals(0, 6, 0, 0));

        Path changed = dir.resolve("changed.zip");
        try (OutputStream out = Files.newOutputStream(changed);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "changed", Instant.now(), null)) {
            w.add("a", Dialect.CANONICAL, BulkFixtures.item(1), BulkFixtures.contents(1));
            w.add("b", Dialect.CANONICAL, CanonicalDossierXml.toBytes(BulkFixtures.dossier(2, "A new title"), List.of()), List.of());
            w.finish();
        }
        ImportSummary s = importer.importPackage(changed, ImportOptions.defaults().withTicket("changed"));
        assertThat(s.totals()).isEqualTo(new ImportTotals(0, 1, 1, 0));
        assertThat(outcomes("changed")).extracting(ItemOutcome::status).containsExactly(ItemStatus.UNCHANGED, ItemStatus.REPLACED);
        assertThat(store.findByApplicationKey("EP9000002").orElseThrow().titles().get(0).text()).isEqualTo("A new title");
        List<String> history = query("SELECT app_key || ' ' || version || ' ' || record FROM application_history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).startsWith("EP9000002 1 ").contains("Title of dossier 2");
    }

    @Test
    void tamperedManifestRefusesThePackageWhole() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 4);
        Path tampered = rewrite(pkg, dir.resolve("t.zip"), (name, bytes) -> name.equals(PackageFormat.MANIFEST_ENTRY)
                ? new String(bytes, StandardCharsets.UTF_8).replace("<pkg:sendingOffice>EP<", "<pkg:sendingOffice>XX<")
                        .getBytes(StandardCharsets.UTF_8) : bytes);
        assertThatThrownBy(() -> importer.importPackage(tampered, ImportOptions.defaults().withTicket("refused")))
                .isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("t.zip").hasMessageContaining("manifest signature is not valid")
                .hasMessageContaining("DIGEST_MISMATCH");
        assertThat(store.applicationCount()).isZero();
        ImportRun refused = ledger.byTicket("refused").orElseThrow();
        assertThat(refused.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(refused.reason()).contains("DIGEST_MISMATCH");
        assertThat(new String(receipt("refused"), StandardCharsets.UTF_8)).contains("<pkg:status>refused</pkg:status><pkg:reason>");
        assertThat(ledger.unfinished()).isEmpty();

        Path unsigned = rewrite(pkg, dir.resolve("u.zip"), (name, bytes) -> name.equals(PackageFormat.SIGNATURE_ENTRY) ? null : bytes);
        assertThatThrownBy(() -> importer.importPackage(unsigned, ImportOptions.defaults()))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("no META-INF/signature.xml entry");
        assertThat(store.applicationCount()).isZero();
    }

    @Test
    void untrustedSignerIsRefused() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 2);
        PackageImporter strict = new PackageImporter(ledger, TestDialects.converter(), new org.dossierlink.number.NumberNormalizer(),
                new SignatureVerifier(new org.dossierlink.signature.TrustedCertificates(List.of(TestKeys.ec().certificate()), "ec only"),
                        org.dossierlink.signature.VerificationLimits.defaults()));
        assertThatThrownBy(() -> strict.importPackage(pkg, ImportOptions.defaults()))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("UNKNOWN_KEY");
        assertThat(store.applicationCount()).isZero();
    }

    @Test
    void badItemsAreRejectedAloneAndTheRestIsStored() throws Exception {
        Path pkg = dir.resolve("bad.zip");
        byte[] good = BulkFixtures.item(1);
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "bad", Instant.now(), null)) {
            w.add("one", Dialect.CANONICAL, good, List.of());
            // 2: bytes differ from the manifest's digest (tampered item)
            byte[] other = BulkFixtures.item(2);
            byte[] tampered = new String(other, StandardCharsets.UTF_8).replace("Title of dossier 2", "Title of dossier X")
                    .getBytes(StandardCharsets.UTF_8);
            w.addEntries(new Manifest.Item(2, "dossiers/2.xml", Dialect.CANONICAL, ContentDigest.sha256(other), other.length,
                    List.of()), tampered, List.of());
            // 3: not well-formed
            w.add("three", Dialect.CANONICAL, "<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\"><oops>"
                    .getBytes(StandardCharsets.UTF_8), List.of());
            // 4: listed in the manifest, missing from the ZIP
            byte[] four = BulkFixtures.item(4);
            w.addEntries(new Manifest.Item(4, "dossiers/missing.xml", Dialect.CANONICAL, ContentDigest.sha256(four),
                    four.length, List.of()), four, List.of());
            // 5: the manifest says st36, the entry is canonical
            byte[] five = BulkFixtures.item(5);
            w.addEntries(new Manifest.Item(5, "dossiers/5.xml", Dialect.ST36, ContentDigest.sha256(five), five.length,
                    List.of()), five, List.of());
            w.add("six", Dialect.CANONICAL, BulkFixtures.item(6), List.of());
            w.addUnlisted("dossiers/stray.xml", BulkFixtures.item(7));
            w.finish();
        }
        // entry 4 was written under the manifest's path: remove it from the ZIP so it is really missing
        Path zip = rewrite(pkg, dir.resolve("bad2.zip"), (name, bytes) -> name.equals("dossiers/missing.xml") ? null : bytes);

        ImportSummary s = importer.importPackage(zip, ImportOptions.defaults().withTicket("bad"));
        assertThat(s.completed()).isTrue();
        assertThat(s.totals()).isEqualTo(new ImportTotals(2, 0, 0, 5));
        List<ItemOutcome> o = outcomes("bad");
        assertThat(o).extracting(ItemOutcome::status).containsExactly(ItemStatus.STORED, ItemStatus.REJECTED,
                ItemStatus.REJECTED, ItemStatus.REJECTED, ItemStatus.REJECTED, ItemStatus.STORED, ItemStatus.REJECTED);
        assertThat(o.get(1).reason()).startsWith("digest mismatch: entry dossiers/2.xml");
        assertThat(o.get(2).reason()).startsWith("not valid against xsd/dossier.xsd (tolerant): ").contains("1:58: ")
                .contains("'oops'");
        assertThat(o.get(3).reason()).contains("listed in the manifest but not in the ZIP");
        assertThat(o.get(4).reason()).contains("the manifest says dialect st36 but the entry is canonical");
        assertThat(o.get(6).seq()).isEqualTo(7);
        assertThat(o.get(6).path()).isEqualTo("dossiers/stray.xml");
        assertThat(o.get(6).reason()).contains("not listed in the manifest");
        assertThat(store.findByApplicationKeys(BulkFixtures.keys(7))).extracting(d -> d.application().key())
                .containsExactly("EP9000001", "EP9000006");
    }

    @Test
    void cancelledImportResumesToTheSameStore() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 30);
        AtomicInteger calls = new AtomicInteger();
        ImportSummary first = importer.importPackage(pkg, ImportOptions.defaults().withTicket("r")
                .withCancellation(() -> calls.incrementAndGet() > 11));
        assertThat(first.run().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(first.run().lastSeq()).isEqualTo(11);
        assertThat(ledger.unfinished()).extracting(ImportRun::ticket).containsExactly("r");

        ImportSummary second = importer.importPackage(pkg, ImportOptions.defaults().withTicket("ignored"));
        assertThat(second.resumed()).isTrue();
        assertThat(second.resumedAfterSeq()).isEqualTo(11);
        assertThat(second.run().ticket()).isEqualTo("r");
        assertThat(second.totals()).isEqualTo(new ImportTotals(30, 0, 0, 0));
        assertThat(outcomes("r")).extracting(ItemOutcome::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(ledger.unfinished()).isEmpty();
        assertThat(store.applicationCount()).isEqualTo(30);
    }

    @Test
    void exportThenImportIntoAnEmptyStoreGivesAnIdenticalStore() throws Exception {
        importer.importPackage(BulkFixtures.writePackage(dir.resolve("p.zip"), 25), ImportOptions.defaults());
        Path exported = dir.resolve("export.zip");
        PackageExporter exporter = new PackageExporter(store, ledger, TestDialects.converter(), TestKeys.signer(), "EP",
                Clock.systemUTC());
        ExportSummary es;
        try (OutputStream out = Files.newOutputStream(exported)) {
            es = exporter.export(new ExportRequest(null, Set.of(), Dialect.CANONICAL, "exp-1"), out, n -> { });
        }
        assertThat(es.items()).isEqualTo(25);
        assertThat(es.documents()).isEqualTo(5);
        try (ZipFile zip = new ZipFile(exported.toFile())) {
            assertThat(zip.getEntry(PackageFormat.MANIFEST_ENTRY)).isNotNull();
            assertThat(ContentDigest.sha256(zip.getInputStream(zip.getEntry(PackageFormat.MANIFEST_ENTRY)).readAllBytes()))
                    .isEqualTo(es.manifestSha256());
        }
        try (JdbcDossierStore second = openSecondStore()) {
            ImportSummary s = new PackageImporter(new JdbcImportLedger(second), TestDialects.converter(),
                    new org.dossierlink.number.NumberNormalizer(), BulkFixtures.verifier())
                    .importPackage(exported, ImportOptions.defaults());
            assertThat(s.totals()).isEqualTo(new ImportTotals(25, 0, 0, 0));
            assertThat(second.applicationCount()).isEqualTo(store.applicationCount());
            assertThat(BulkFixtures.snapshot(second, BulkFixtures.keys(25)))
                    .containsExactlyElementsOf(BulkFixtures.snapshot(store, BulkFixtures.keys(25)));
            assertThat(contentHashes(second)).isEqualTo(contentHashes(store));
        }
    }

    @Test
    void exportSinceAndOfficeSelectOnlyThoseApplications() throws Exception {
        importer.importPackage(BulkFixtures.writePackage(dir.resolve("p.zip"), 3), ImportOptions.defaults());
        Instant between = Instant.now();
        waitPast(between);
        store.save(org.dossierlink.dossier.TestDossiers.of("JP2020000001").title("ja", "x").build());
        store.save(org.dossierlink.dossier.TestDossiers.of("US2020000002").build());
        assertThat(ledger.changedKeys(between, Set.of(), null, 10)).containsExactly("JP2020000001", "US2020000002");
        assertThat(ledger.changedKeys(between, Set.of("JP"), null, 10)).containsExactly("JP2020000001");
        assertThat(ledger.changedKeys(null, Set.of("EP"), "EP9000001", 10)).containsExactly("EP9000002", "EP9000003");
        Path exported = dir.resolve("since.zip");
        try (OutputStream out = Files.newOutputStream(exported)) {
            new PackageExporter(store, ledger, TestDialects.converter(), TestKeys.signer(), "EP", Clock.systemUTC())
                    .export(new ExportRequest(between, Set.of("JP"), Dialect.CANONICAL, null), out, n -> { });
        }
        try (ZipFile zip = new ZipFile(exported.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry(PackageFormat.MANIFEST_ENTRY)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("<pkg:itemCount>1</pkg:itemCount>").contains("<pkg:since>")
                    .contains("JP2020000001");
        }
    }

    @Test
    void concatenatedUsptoFileIsSplitIntoItems() throws Exception {
        Path concat = dir.resolve("uspto-bulk.xml");
        try (OutputStream out = Files.newOutputStream(concat)) {
            for (String f : List.of("US08930553.xml", "US20050004437A1.xml", "US08926509.xml")) {
                out.write(Files.readAllBytes(org.dossierlink.Corpus.file("uspto/redbook-samples/" + f)));
                out.write('\n');
            }
            out.write("<?xml version=\"1.0\"?>\n<us-patent-grant><broken></us-patent-grant>\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(PackageImporter.formOf(concat)).contains(PackageForm.CONCATENATED);
        ImportSummary s = importer.importPackage(concat, ImportOptions.defaults().withTicket("us"));
        assertThat(s.completed()).isTrue();
        assertThat(s.run().itemCount()).isEqualTo(4);
        assertThat(s.totals().stored()).isEqualTo(3);
        assertThat(s.totals().rejected()).isEqualTo(1);
        List<ItemOutcome> o = outcomes("us");
        assertThat(o.get(3).reason()).contains("item 4");
        assertThat(o.get(0).application()).startsWith("US");
        assertThat(store.applicationCount()).isEqualTo(3);
        ImportSummary again = importer.importPackage(concat, ImportOptions.defaults());
        assertThat(again.totals()).isEqualTo(new ImportTotals(0, 3, 0, 1));
    }

    /** A well-formed item its schema does not allow: rejected with line:col and the count, the others stored. */
    @Test
    void schemaInvalidItemIsRejectedWithItsLineAndColumnInBothForms() throws Exception {
        String two = new String(BulkFixtures.item(2), StandardCharsets.UTF_8);
        int at = two.indexOf("<dos:application");
        assertThat(at).isPositive();
        byte[] invalid = (two.substring(0, at) + "<dos:bogus>x</dos:bogus>\n" + two.substring(at))
                .getBytes(StandardCharsets.UTF_8);
        long line = two.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        String expected = "not valid against xsd/dossier.xsd (tolerant): 1 error(s): " + line + ":";

        Path pkg = dir.resolve("invalid.zip");
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "invalid", Instant.now(), null)) {
            w.add("one", Dialect.CANONICAL, BulkFixtures.item(1), List.of());
            w.add("two", Dialect.CANONICAL, invalid, List.of());
            w.add("three", Dialect.CANONICAL, BulkFixtures.item(3), List.of());
            w.finish();
        }
        ImportSummary s = importer.importPackage(pkg, ImportOptions.defaults().withTicket("invalid"));
        assertThat(s.totals()).isEqualTo(new ImportTotals(2, 0, 0, 1));
        List<ItemOutcome> o = outcomes("invalid");
        assertThat(o).extracting(ItemOutcome::status)
                .containsExactly(ItemStatus.STORED, ItemStatus.REJECTED, ItemStatus.STORED);
        assertThat(o.get(1).reason()).startsWith(expected).matches("(?s).*: \\d+:\\d+: cvc-complex-type\\.2\\.4\\.a: .*:bogus}'.*");
        assertThat(store.findByApplicationKeys(BulkFixtures.keys(3))).extracting(d -> d.application().key())
                .containsExactly("EP9000001", "EP9000003");

        Path concat = dir.resolve("invalid.xml");
        try (OutputStream out = Files.newOutputStream(concat)) {
            out.write(BulkFixtures.item(4));
            out.write('\n');
            out.write(invalid);
            out.write('\n');
            out.write(BulkFixtures.item(5));
            out.write('\n');
        }
        ImportSummary c = importer.importPackage(concat, ImportOptions.defaults().withTicket("invalid-concat"));
        assertThat(c.totals()).isEqualTo(new ImportTotals(2, 0, 0, 1));
        assertThat(outcomes("invalid-concat").get(1).reason()).startsWith(expected).contains(":bogus}'");
        assertThat(store.findByApplicationKey("EP9000002")).isEmpty();
        assertThat(store.findByApplicationKey("EP9000005")).contains(BulkFixtures.dossier(5));
    }

    @Test
    void wrapperFormHoldsItemsOfAnyDialect() throws Exception {
        Path wrapped = dir.resolve("wrapped.xml");
        try (OutputStream out = Files.newOutputStream(wrapped)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pkg:dossiers xmlns:pkg=\"urn:dossierlink:package:1\" xmlns:dos=\"urn:dossierlink:dossier:1\">\n"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i <= 3; i++) {
                String one = new String(BulkFixtures.item(i), StandardCharsets.UTF_8);
                out.write(one.substring(one.indexOf("?>") + 2).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            out.write("<dos:dossier><dos:application/></dos:dossier>\n</pkg:dossiers>\n".getBytes(StandardCharsets.UTF_8));
        }
        ImportSummary s = importer.importPackage(wrapped, ImportOptions.defaults().withTicket("w"));
        assertThat(s.totals()).isEqualTo(new ImportTotals(3, 0, 0, 1));
        assertThat(store.findByApplicationKey("EP9000002")).contains(BulkFixtures.dossier(2));
        assertThat(store.document("EP9000005", "x")).isEmpty();
    }

    @Test
    void plainDossierFileIsNotAPackage() throws Exception {
        Path plain = dir.resolve("one.xml");
        Files.write(plain, BulkFixtures.item(1));
        assertThat(PackageImporter.formOf(plain)).isEmpty();
        assertThatThrownBy(() -> importer.importPackage(plain, ImportOptions.defaults()))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("not a package");
        ImportSummary s = importer.importPackage(plain, ImportOptions.defaults().withDossiersFileAsPackage(true));
        assertThat(s.totals()).isEqualTo(new ImportTotals(1, 0, 0, 0));
    }

    // ------------------------------------------------------------------ helpers

    static void waitPast(Instant t) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Instant.now().isAfter(t.plusMillis(5)) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    byte[] receipt(String ticket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReceiptWriter(ledger, TestKeys.signer()).write(ticket, out);
        return out.toByteArray();
    }

    static byte[] stripSignature(byte[] receipt) {
        String s = new String(receipt, StandardCharsets.UTF_8);
        return s.replaceAll("<ds:Signature[\\s\\S]*</ds:Signature>", "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    List<ItemOutcome> outcomes(String ticket) {
        List<ItemOutcome> out = new ArrayList<>();
        ledger.outcomes(ticket, 0, 100_000, out::add);
        return out;
    }

    List<String> contentHashes(JdbcDossierStore s) throws Exception {
        return query(s, "SELECT app_key || ' ' || content_hash FROM application ORDER BY app_key");
    }

    List<String> query(String sql) throws Exception {
        return query(store, sql);
    }

    abstract List<String> query(JdbcDossierStore s, String sql) throws Exception;

    @FunctionalInterface
    interface EntryRewrite {
        byte[] apply(String name, byte[] bytes);
    }

    /** A copy of a ZIP with entries changed (null drops the entry). */
    static Path rewrite(Path from, Path to, EntryRewrite rewrite) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream is = in.getInputStream(e)) {
                    bytes = rewrite.apply(e.getName(), is.readAllBytes());
                }
                if (bytes != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        return to;
    }

    static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url);
    }

    static List<Dossier> none() {
        return List.of();
    }
}
