package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;

import org.dossierlink.config.BulkSettings;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.testsupport.BulkNode;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.wire.AccessDeniedFault;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.messages.ExportChanges;
import org.dossierlink.wire.messages.ExportChangesResponse;
import org.dossierlink.wire.messages.GetPackageReceipt;
import org.dossierlink.wire.messages.GetPackageReceiptResponse;
import org.dossierlink.wire.messages.PackageStatusType;
import org.dossierlink.wire.messages.SubmitPackage;
import org.dossierlink.wire.messages.SubmitPackageResponse;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Bulk transfer over SOAP, between real nodes on free ports, with CXF clients sending and receiving MTOM:
 * a package exported by one node (ExportChanges) and submitted to an empty one (SubmitPackage, then
 * GetPackageReceipt polled to completion) gives the same store; the signed receipt verifies with
 * dossierlink's verifier and with xmlsec1; a package whose manifest was altered is refused and stores
 * nothing; an upload over bulk.max-package-bytes, an unknown ticket and another office's ticket get their
 * typed faults; an office submits only the dossiers it holds, and exports hold only what the caller may see.
 */
class BulkTransferIT {

    private static final String PKG = "urn:dossierlink:package:1";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SOAP 1.2: {0}")
    @ValueSource(booleans = {false, true})
    void a_package_exported_by_one_node_and_submitted_to_an_empty_one_gives_the_same_store(boolean soap12)
            throws Exception {
        try (BulkNode source = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"));
             BulkNode target = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"))) {
            Path zip = export(source.port(soap12, null), new ExportChanges(), dir.resolve("export.zip"));

            DossierPortType port = target.port(soap12, null);
            SubmitPackageResponse submitted = submit(port, zip, "weekly-1");
            assertThat(submitted.getStatus()).isEqualTo(PackageStatusType.QUEUED);
            assertThat(submitted.getSize()).isEqualTo(Files.size(zip));
            assertThat(submitted.getSha256()).isEqualTo(sha256(zip));

            GetPackageReceiptResponse done = BulkNode.awaitFinished(port, submitted.getTicket(), DEADLINE);
            assertThat(done.getStatus()).as(done.getReason()).isEqualTo(PackageStatusType.COMPLETED);
            assertThat(done.getSubmittedBy()).isEqualTo("DEMO");
            assertThat(done.getPackageName()).isEqualTo("weekly-1");
            assertThat(done.getTotals().getStored()).isEqualTo(4);
            assertThat(done.getTotals().getRejected()).isZero();
            assertThat(done.getProgress().getItemsDone()).isEqualTo(4);
            assertThat(done.getProgress().getItemsTotal()).isEqualTo(4);
            assertThat(BulkNode.snapshot(target.store)).isEqualTo(BulkNode.snapshot(source.store));

            Path receipt = BulkNode.save(done.getReceipt(), dir.resolve("receipt.xml"));
            assertThat(sha256(receipt)).isEqualTo(done.getReceiptSha256());
            Document doc = parse(receipt);
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("receipt");
            assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(PKG);
            assertThat(items(doc)).hasSize(4).allSatisfy(i -> assertThat(i.getAttribute("status")).isEqualTo("stored"));
            VerifiedSignature verified = new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults())
                    .verify(SignatureVerifier.payloadOf(doc), Instant.now());
            assertThat(verified.signedElement().getLocalName()).isEqualTo("receipt");
            assertXmlsec1Verifies(receipt, TestKeys.rsa().certificate());

            // the same package again: every item unchanged, nothing added
            GetPackageReceiptResponse again = BulkNode.awaitFinished(port, submit(port, zip, null).getTicket(), DEADLINE);
            assertThat(again.getTotals().getUnchanged()).isEqualTo(4);
            assertThat(BulkNode.snapshot(target.store)).isEqualTo(BulkNode.snapshot(source.store));

            // both operations went through the request accounting into the audit trail
            assertThat(target.audit).anySatisfy(e -> {
                assertThat(e.operation()).isEqualTo("SubmitPackage");
                assertThat(e.target()).isEqualTo("weekly-1 ticket " + submitted.getTicket());
                assertThat(e.result()).isEqualTo("allowed");
            });
            assertThat(source.audit).anySatisfy(e -> assertThat(e.operation()).isEqualTo("ExportChanges"));

            // and /metrics saw the items go in
            String metrics = RawSoap.get(target.server.rootUrl() + "/metrics").body();
            assertThat(metrics).contains("dossierlink_bulk_import_items_total{status=\"stored\"} 4.0",
                    "dossierlink_bulk_import_items_total{status=\"unchanged\"} 4.0", "dossierlink_bulk_imports_running 0.0",
                    "dossierlink_bulk_imports_queued 0.0", "dossierlink_bulk_import_items_per_second");
            assertThat(metrics).containsPattern("dossierlink_bulk_import_bytes_total [1-9]");
        }
    }

    @Test
    void a_package_whose_manifest_was_altered_is_refused_whole_and_stores_nothing() throws Exception {
        try (BulkNode source = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"));
             BulkNode target = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"))) {
            Path zip = export(source.port(false, null), new ExportChanges(), dir.resolve("export.zip"));
            Path altered = rewrite(zip, dir.resolve("altered.zip"), "META-INF/manifest.xml",
                    s -> s.replace("<pkg:sendingOffice>EP<", "<pkg:sendingOffice>JP<"));
            DossierPortType port = target.port(false, null);
            GetPackageReceiptResponse r = BulkNode.awaitFinished(port, submit(port, altered, null).getTicket(), DEADLINE);
            assertThat(r.getStatus()).isEqualTo(PackageStatusType.REFUSED);
            assertThat(r.getReason()).containsIgnoringCase("signature");
            assertThat(r.getReceipt()).isNull();
            assertThat(target.store.applicationCount()).isZero();
        }
    }

    @Test
    void an_upload_over_the_package_limit_is_an_invalid_request_fault_and_nothing_is_kept() throws Exception {
        try (BulkNode source = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"));
             BulkNode small = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"),
                     BulkSettings.defaults().withMaxPackageBytes(64 * 1024))) {
            Path zip = export(source.port(false, null), new ExportChanges(), dir.resolve("export.zip"));
            assertThat(Files.size(zip)).isGreaterThan(64 * 1024); // it carries a 200 KB PDF
            InvalidRequestFault fault = catchThrowableOfType(InvalidRequestFault.class,
                    () -> submit(small.port(true, null), zip, null));
            assertThat(fault.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
            assertThat(fault.getFaultInfo().getField()).isEqualTo("package");
            assertThat(fault.getFaultInfo().getMessage()).contains("larger than 65536 bytes", "bulk.max-package-bytes");
            try (var files = Files.list(dir.resolve("b").resolve("packages"))) {
                assertThat(files).isEmpty();
            }
            try (var files = Files.list(dir.resolve("b").resolve("incoming"))) {
                assertThat(files).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "SOAP 1.2: {0}")
    @ValueSource(booleans = {false, true})
    void a_package_larger_than_the_ordinary_request_limit_goes_in_by_mtom(boolean soap12) throws Exception {
        // one dossier with a 20 MiB document (random, so the ZIP is as large): over the 16 MiB request limit
        byte[] pdf = new byte[20 * 1024 * 1024];
        new java.util.Random(5).nextBytes(pdf);
        org.dossierlink.dossier.DocumentInfo info = new org.dossierlink.dossier.DocumentInfo("JP2010123456-OA-9", "OA",
                "Office action", org.dossierlink.dossier.DocumentGroup.OFFICE_ACTION, java.time.LocalDate.of(2020, 1, 1),
                org.dossierlink.dossier.Direction.OUTGOING, "ja", "application/pdf", 1, pdf.length,
                ContentDigest.sha256(pdf));
        Path zip = dir.resolve("large.zip");
        try (OutputStream out = Files.newOutputStream(zip);
             org.dossierlink.bulk.PackageWriter w = new org.dossierlink.bulk.PackageWriter(out, TestKeys.signer(), "JP",
                     "large", Instant.now(), null)) {
            w.add(TestDossiers.JP.application().key(), org.dossierlink.dialect.Dialect.CANONICAL,
                    org.dossierlink.dialect.CanonicalDossierXml.toBytes(TestDossiers.JP, List.of(info)),
                    List.of(new org.dossierlink.bulk.PackageWriter.Content(info.id(), "application/pdf", pdf)));
            w.finish();
        }
        assertThat(Files.size(zip)).isGreaterThan(org.dossierlink.xml.XmlLimits.MAX_REQUEST_BYTES);
        try (BulkNode target = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"))) {
            DossierPortType port = target.port(soap12, "JP");
            SubmitPackageResponse submitted = submit(port, zip, "large\nforged log line");
            assertThat(submitted.getSize()).isEqualTo(Files.size(zip));
            GetPackageReceiptResponse done = BulkNode.awaitFinished(port, submitted.getTicket(), DEADLINE);
            assertThat(done.getStatus()).as(done.getReason()).isEqualTo(PackageStatusType.COMPLETED);
            assertThat(done.getTotals().getStored()).isEqualTo(1);
            assertThat(done.getPackageName()).isEqualTo("large forged log line");
            assertThat(target.store.document(TestDossiers.JP.application().key(), info.id()).orElseThrow().content())
                    .isEqualTo(pdf);
        }
    }

    @Test
    void an_unknown_ticket_is_not_found_and_another_offices_ticket_is_denied() throws Exception {
        try (BulkNode source = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"));
             BulkNode target = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"))) {
            GetPackageReceipt unknown = new GetPackageReceipt();
            unknown.setTicket("no-such-ticket");
            NotFoundFault notFound = catchThrowableOfType(NotFoundFault.class,
                    () -> target.port(false, null).getPackageReceipt(unknown));
            assertThat(notFound.getFaultInfo().getCode()).isEqualTo("NOT_FOUND");
            assertThat(notFound.getFaultInfo().getField()).isEqualTo("ticket");

            Path zip = export(source.port(false, null), new ExportChanges(), dir.resolve("export.zip"));
            String ticket = submit(target.port(false, "JP"), zip, null).getTicket();
            GetPackageReceipt theirs = new GetPackageReceipt();
            theirs.setTicket(ticket);
            AccessDeniedFault denied = catchThrowableOfType(AccessDeniedFault.class,
                    () -> target.port(true, "CN").getPackageReceipt(theirs));
            assertThat(denied.getFaultInfo().getCode()).isEqualTo("ACCESS_DENIED");
            assertThat(denied.getFaultInfo().getReason()).isEqualTo("not-submitter");
            // the submitter follows it; an office submits only the dossiers it holds: JP's is stored, the rest rejected
            GetPackageReceiptResponse done = BulkNode.awaitFinished(target.port(false, "JP"), ticket, DEADLINE);
            assertThat(done.getStatus()).isEqualTo(PackageStatusType.COMPLETED);
            assertThat(done.getSubmittedBy()).isEqualTo("JP");
            assertThat(done.getTotals().getStored()).isEqualTo(1);
            assertThat(done.getTotals().getRejected()).isEqualTo(3);
            assertThat(target.store.findByApplicationKey(TestDossiers.JP.application().key())).isPresent();
            assertThat(target.store.applicationCount()).isEqualTo(1);
            Document receipt = parse(BulkNode.save(done.getReceipt(), dir.resolve("receipt.xml")));
            assertThat(items(receipt)).filteredOn(i -> i.getAttribute("status").equals("rejected")).hasSize(3)
                    .allSatisfy(i -> assertThat(i.getAttribute("reason")).contains("not by JP, which submitted the package"));
            // the demo office follows every package
            assertThat(BulkNode.awaitFinished(target.port(false, null), ticket, DEADLINE).getTicket()).isEqualTo(ticket);
        }
    }

    @Test
    void an_export_holds_only_the_dossiers_and_documents_the_caller_may_see() throws Exception {
        try (BulkNode node = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"))) {
            // JP sees its own and EP's (search reports only); GB (accessing-only) sees JP's; WO sees only its own
            Document jp = manifest(export(node.port(false, "JP"), new ExportChanges(), dir.resolve("jp.zip")));
            assertThat(applicationsOf(jp, node)).containsExactlyInAnyOrder("JP", "EP");
            assertThat(contentIds(jp)).containsExactly(TestDossiers.SEARCH_REPORT.id());
            Document gb = manifest(export(node.port(true, "GB"), new ExportChanges(), dir.resolve("gb.zip")));
            assertThat(applicationsOf(gb, node)).containsExactly("JP");
            Document wo = manifest(export(node.port(false, "WO"), new ExportChanges(), dir.resolve("wo.zip")));
            assertThat(items(wo)).isEmpty();
            Document all = manifest(export(node.port(false, null), new ExportChanges(), dir.resolve("all.zip")));
            assertThat(applicationsOf(all, node)).containsExactlyInAnyOrder("JP", "EP", "US", "CN");
            assertThat(contentIds(all)).containsExactlyInAnyOrder(TestDossiers.SEARCH_REPORT.id(),
                    TestDossiers.OFFICE_ACTION.id());

            ExportChanges us = new ExportChanges();
            us.getOffice().add("US");
            AccessDeniedFault denied = catchThrowableOfType(AccessDeniedFault.class,
                    () -> node.port(false, "JP").exportChanges(us));
            assertThat(denied.getFaultInfo().getReason()).isEqualTo("no-agreement");
            ExportChanges future = new ExportChanges();
            future.setSince(org.dossierlink.service.WireMapper.toWire(Instant.now().plusSeconds(3600)));
            assertThat(items(manifest(export(node.port(false, null), future, dir.resolve("none.zip"))))).isEmpty();

            // the metrics moved
            HttpResponse<String> metrics = RawSoap.get(node.server.rootUrl() + "/metrics");
            assertThat(metrics.body()).containsPattern("dossierlink_bulk_export_items_total [1-9]");
        }
    }

    // ------------------------------------------------------------------ helpers

    static Path export(DossierPortType port, ExportChanges request, Path file) throws Exception {
        ExportChangesResponse r = port.exportChanges(request);
        BulkNode.save(r.getPackage(), file);
        assertThat(Files.size(file)).isEqualTo(r.getSize());
        assertThat(sha256(file)).isEqualTo(r.getSha256());
        return file;
    }

    static SubmitPackageResponse submit(DossierPortType port, Path file, String name) throws Exception {
        SubmitPackage request = new SubmitPackage();
        request.setPackage(new DataHandler(new FileDataSource(file.toFile())));
        request.setPackageName(name);
        return port.submitPackage(request);
    }

    static String sha256(Path file) throws Exception {
        return ContentDigest.sha256(Files.readAllBytes(file));
    }

    static Document parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return SecureXml.documentBuilder().parse(in);
        }
    }

    static Document manifest(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("META-INF/manifest.xml"))) {
            return SecureXml.documentBuilder().parse(in);
        }
    }

    static List<Element> items(Document doc) {
        NodeList list = doc.getElementsByTagNameNS(PKG, "item");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static List<String> contentIds(Document manifest) {
        NodeList list = manifest.getElementsByTagNameNS(PKG, "content");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(((Element) list.item(i)).getAttribute("documentId"));
        }
        return out;
    }

    /** The offices of the applications a manifest lists, read from the dossier entries' numbers. */
    static List<String> applicationsOf(Document manifest, BulkNode node) {
        return items(manifest).stream().map(i -> i.getAttribute("path")).map(path -> {
            for (var d : List.of(TestDossiers.JP, TestDossiers.EP, TestDossiers.US, TestDossiers.CN)) {
                if (path.contains(d.application().key())) {
                    return d.application().office();
                }
            }
            return fail("no test dossier in entry " + path);
        }).map(String.class::cast).toList();
    }

    /** Copies a ZIP, changing one text entry. */
    static Path rewrite(Path zip, Path out, String entry, java.util.function.UnaryOperator<String> change) throws Exception {
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry next = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(next)) {
                    bytes = s.readAllBytes();
                }
                if (next.getName().equals(entry)) {
                    String before = new String(bytes, StandardCharsets.UTF_8);
                    String after = change.apply(before);
                    assertThat(after).as("the change applies to " + entry).isNotEqualTo(before);
                    bytes = after.getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(next.getName()));
                z.write(bytes);
                z.closeEntry();
            }
        }
        return out;
    }

    static void assertXmlsec1Verifies(Path signed, X509Certificate trusted) throws Exception {
        Path xmlsec1 = Path.of("/usr/bin/xmlsec1");
        if (!Files.isExecutable(xmlsec1)) {
            fail("xmlsec1 is not installed: run .ci/run (Debian package xmlsec1); this test does not skip");
        }
        Path pem = signed.resolveSibling(signed.getFileName() + ".pem");
        Files.writeString(pem, Certificates.pem(trusted), StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(xmlsec1.toString(), "--verify", "--trusted-pem", pem.toString(), signed.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xmlsec1 did not finish within 30 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("xmlsec1 --verify:%n%s", output).isZero();
        assertThat(output).contains("OK");
    }
}
