package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.dossierlink.signature.Certificates;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent XML-DSig implementation agrees: xmlsec1 (libxmlsec1 over OpenSSL) verifies a package's
 * detached manifest signature with the manifest beside it, and a streamed receipt's enveloped signature;
 * and refuses both once a byte they cover changed. xmlsec1 is a required test tool (see XmlSec1InteropTest).
 */
class PackageXmlSec1Test {

    private static final String XMLSEC1 = "/usr/bin/xmlsec1";
    private static final String PROPERTIES = "http://www.w3.org/2000/09/xmldsig#:SignatureProperties";

    @TempDir
    Path dir;

    @Test
    void manifestSignatureVerifiesWithTheManifestBesideIt() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 5);
        Path meta = Files.createDirectories(dir.resolve("META-INF"));
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            Files.write(meta.resolve("manifest.xml"), zip.getInputStream(zip.getEntry(PackageFormat.MANIFEST_ENTRY)).readAllBytes());
            Files.write(meta.resolve("signature.xml"), zip.getInputStream(zip.getEntry(PackageFormat.SIGNATURE_ENTRY)).readAllBytes());
        }
        Path cert = dir.resolve("sender.pem");
        Files.writeString(cert, Certificates.pem(TestKeys.rsa().certificate()));
        // a relative URI is what xmlsec1 calls "remote": allowed here so it reads manifest.xml beside the signature
        String ok = xmlsec1(meta, "--verify", "--trusted-pem", cert.toString(), "--id-attr:Id", PROPERTIES,
                "--enabled-reference-uris", "empty,same-doc,local,remote", "signature.xml");
        assertThat(ok).contains("OK").contains("SignedInfo References (ok/all): 2/2");

        Files.writeString(meta.resolve("manifest.xml"), Files.readString(meta.resolve("manifest.xml")).replace("seq=\"5\"", "seq=\"6\""));
        String bad = xmlsec1(meta, "--verify", "--trusted-pem", cert.toString(), "--id-attr:Id", PROPERTIES,
                "--enabled-reference-uris", "empty,same-doc,local,remote", "signature.xml");
        assertThat(bad).doesNotContain("\nOK").contains("FAIL");
    }

    @Test
    void receiptVerifies() throws Exception {
        try (JdbcDossierStore store = JdbcDossierStore.open("jdbc:h2:mem:receipt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                null, null)) {
            JdbcImportLedger ledger = new JdbcImportLedger(store);
            BulkFixtures.importer(store).importPackage(BulkFixtures.writePackage(dir.resolve("p.zip"), 7),
                    ImportOptions.defaults().withTicket("x&<\"1\">"));
            Path receipt = dir.resolve("receipt.xml");
            try (OutputStream out = Files.newOutputStream(receipt)) {
                new ReceiptWriter(ledger, TestKeys.signer()).write("x&<\"1\">", out);
            }
            Path cert = dir.resolve("node.pem");
            Files.writeString(cert, Certificates.pem(TestKeys.rsa().certificate()));
            String ok = xmlsec1(dir, "--verify", "--trusted-pem", cert.toString(), "--id-attr:Id", PROPERTIES,
                    receipt.toString());
            assertThat(ok).contains("OK").contains("SignedInfo References (ok/all): 2/2");

            Files.writeString(receipt, Files.readString(receipt, StandardCharsets.UTF_8).replace("status=\"stored\"",
                    "status=\"rejected\""), StandardCharsets.UTF_8);
            assertThat(xmlsec1(dir, "--verify", "--trusted-pem", cert.toString(), "--id-attr:Id", PROPERTIES,
                    receipt.toString())).contains("FAIL");
        }
    }

    private String xmlsec1(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(XMLSEC1);
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "xmlsec1-", ".log");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("xmlsec1 finished").isTrue();
        return Files.readString(log);
    }
}
