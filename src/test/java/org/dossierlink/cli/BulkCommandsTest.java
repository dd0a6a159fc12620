package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.dossierlink.bulk.Manifest;
import org.dossierlink.bulk.PackageWriter;
import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.TestDossiers;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossierlink export} and {@code dossierlink import} of packages, as an operator runs them. */
class BulkCommandsTest {

    @TempDir
    Path dir;
    Path config;
    Path trust;

    @BeforeEach
    void node() throws Exception {
        trust = Files.createDirectories(dir.resolve("trust"));
        config = dir.resolve("node.properties");
        Files.writeString(config, "signature.keystore=" + dir.resolve("keys/node.p12") + "\nsignature.trust=" + trust
                + "\nsignature.algorithm=ecdsa-p256-sha256\nnode.offices=EP,US\n");
        assertThat(CommandLineTest.run("keys", "--config", config.toString(), "generate", "--alias", "node").exit()).isZero();
        assertThat(CommandLineTest.run("keys", "--config", config.toString(), "export", "-o",
                trust.resolve("node.pem").toString()).exit()).isZero();
        Files.writeString(trust.resolve("sender.pem"), Certificates.pem(TestKeys.rsa().certificate()));
    }

    @Test
    void exportThenImportElsewhereWithASignedReceipt() throws Exception {
        Path dossiers = dir.resolve("dossiers.xml");
        Files.write(dossiers, ("<dos:dossiers xmlns:dos=\"urn:dossierlink:dossier:1\">"
                + body(TestDossiers.of("EP1000001").title("en", "One").build())
                + body(TestDossiers.of("US2000002").build()) + "</dos:dossiers>").getBytes(StandardCharsets.UTF_8));
        Run plain = CommandLineTest.run("import", "--config", config.toString(), "--data", dir.resolve("a").toString(),
                dossiers.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("canonical, 2 application(s): 2 new");

        Path pkg = dir.resolve("out.zip");
        Run export = CommandLineTest.run("export", "--config", config.toString(), "--data", dir.resolve("a").toString(),
                "--office", "ep", "-o", pkg.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).startsWith(pkg + ": 1 item(s), 0 document(s), canonical, package ");
        assertThat(export.err()).contains("export: 1 items");

        Path receipt = dir.resolve("receipt.xml");
        Run imp = CommandLineTest.run("import", "--config", config.toString(), "--data", dir.resolve("b").toString(),
                "--receipt", receipt.toString(), pkg.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.out()).contains(pkg + ": zip package, 1 item(s): 1 stored, 0 unchanged, 0 replaced, 0 rejected")
                .contains("receipt written to " + receipt);
        assertThat(imp.err()).contains("importing 1 item(s) as run ");
        new SignatureVerifier(TrustedCertificates.load(trust), VerificationLimits.defaults())
                .verify(SecureXml.documentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(receipt))));

        Run again = CommandLineTest.run("import", "--config", config.toString(), "--data", dir.resolve("b").toString(),
                pkg.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("1 item(s): 0 stored, 1 unchanged");
    }

    @Test
    void aNodeTakesBackItsOwnExportWithoutATrustFolderButNoStrangersPackage() throws Exception {
        Path bare = dir.resolve("bare.properties");
        Files.writeString(bare, "signature.keystore=" + dir.resolve("keys/node.p12") + "\nsignature.trust="
                + dir.resolve("no-such-folder") + "\nnode.offices=EP,US\n");
        Path dossiers = dir.resolve("one.xml");
        Files.write(dossiers, ("<dos:dossiers xmlns:dos=\"urn:dossierlink:dossier:1\">"
                + body(TestDossiers.of("EP1000001").build()) + "</dos:dossiers>").getBytes(StandardCharsets.UTF_8));
        assertThat(CommandLineTest.run("import", "--config", bare.toString(), "--data", dir.resolve("a").toString(),
                dossiers.toString()).exit()).isZero();
        Path own = dir.resolve("own.zip");
        assertThat(CommandLineTest.run("export", "--config", bare.toString(), "--data", dir.resolve("a").toString(),
                "-o", own.toString()).exit()).isZero();
        Run back = CommandLineTest.run("import", "--config", bare.toString(), "--data", dir.resolve("b").toString(),
                own.toString());
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains("1 item(s): 1 stored");

        Path foreign = dir.resolve("foreign.zip");
        byte[] item = CanonicalDossierXml.toBytes(TestDossiers.of("EP1000009").build(), List.of());
        try (OutputStream out = Files.newOutputStream(foreign);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "foreign", Instant.now(), null)) {
            w.add("EP1000009", Dialect.CANONICAL, item, List.of());
            w.finish();
        }
        Run refused = CommandLineTest.run("import", "--config", bare.toString(), "--data", dir.resolve("b").toString(),
                foreign.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains(foreign.toString()).contains("trust");
    }

    @Test
    void rejectedItemsAreNamedAndTheExitStatusSaysSo() throws Exception {
        Path pkg = dir.resolve("bad.zip");
        byte[] good = CanonicalDossierXml.toBytes(TestDossiers.of("EP1000001").build(), List.of());
        byte[] other = CanonicalDossierXml.toBytes(TestDossiers.of("EP1000002").build(), List.of());
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "bad", Instant.now(), null)) {
            w.add("EP1000001", Dialect.CANONICAL, good, List.of());
            w.addEntries(new Manifest.Item(2, "dossiers/2.xml", Dialect.CANONICAL, ContentDigest.sha256(good), good.length,
                    List.of()), other, List.of());
            w.finish();
        }
        Run r = CommandLineTest.run("import", "--config", config.toString(), "--data", dir.resolve("s").toString(),
                pkg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("2 item(s): 1 stored, 0 unchanged, 0 replaced, 1 rejected");
        assertThat(r.err()).contains(pkg + ": item 2 (dossiers/2.xml) rejected: digest mismatch: entry dossiers/2.xml has sha256 ");

        Path notSigned = dir.resolve("garbage.zip");
        Files.write(notSigned, new byte[] {'P', 'K', 3, 4, 0, 0});
        Run refused = CommandLineTest.run("import", "--config", config.toString(), "--data", dir.resolve("s").toString(),
                notSigned.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("import: " + notSigned + ": not a readable ZIP");
    }

    private static String body(org.dossierlink.dossier.Dossier d) {
        String s = new String(CanonicalDossierXml.toBytes(d, List.of()), StandardCharsets.UTF_8);
        return s.substring(s.indexOf("?>") + 2);
    }
}
