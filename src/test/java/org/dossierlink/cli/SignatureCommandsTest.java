package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureSettings;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code dossierlink keys} and {@code dossierlink verify} as an operator runs them. */
class SignatureCommandsTest {

    private static final String DOSSIER = "<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\"><dos:application>"
            + "<dos:office>EP</dos:office><dos:number>10167109</dos:number></dos:application></dos:dossier>";

    @TempDir
    Path dir;
    Path config;
    Path keystore;

    @BeforeEach
    void config() throws Exception {
        keystore = dir.resolve("keys/node.p12");
        config = dir.resolve("node.properties");
        Files.writeString(config, "signature.keystore=" + keystore + "\nsignature.trust=" + dir.resolve("trust") + "\n"
                + "signature.algorithm=rsa-sha256\n");
    }

    @Test
    void keysGenerateListAndExport() throws Exception {
        Run gen = CommandLineTest.run("keys", "--config", config.toString(), "generate", "--alias", "node-2026",
                "--algorithm", "ecdsa-p256-sha256", "--days", "30", "--subject", "CN=EP node, O=EPO");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("added key 'node-2026' (ecdsa-p256-sha256, valid ").contains(keystore.toString());
        assertThat(dir.resolve("keys/node.p12.password")).exists();

        Run next = CommandLineTest.run("keys", "--config", config.toString(), "generate", "--alias", "node-2027",
                "--algorithm", "rsa-sha256", "--valid-from", "2027-01-01T00:00:00Z");
        assertThat(next.exit()).as(next.err()).isZero();

        Run list = CommandLineTest.run("keys", "--config", config.toString(), "list");
        assertThat(list.exit()).as(list.err()).isZero();
        // the configured algorithm is rsa-sha256, and the RSA key is not valid yet: no current key
        assertThat(list.out()).startsWith("warning: no rsa-sha256 key (signature.algorithm) is valid now")
                .contains("previous node-2026").contains("next     node-2027");

        Files.writeString(config, Files.readString(config).replace("rsa-sha256", "ecdsa-p256-sha256"));
        list = CommandLineTest.run("keys", "--config", config.toString(), "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("current  node-2026").contains("next     node-2027").contains("CN=EP node,O=EPO");

        Path pem = dir.resolve("node.pem");
        Run export = CommandLineTest.run("keys", "--config", config.toString(), "export", "-o", pem.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Certificates.read(pem)).singleElement().satisfies(c ->
                assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=EP node,O=EPO"));
    }

    @Test
    void keysRefuseBadInputWithTheReason() {
        Run r = CommandLineTest.run("keys", "--config", config.toString(), "generate", "--alias", "x", "--algorithm", "dsa");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--algorithm: unknown signature algorithm 'dsa'");
        r = CommandLineTest.run("keys", "--config", config.toString(), "list");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(keystore + ": signing keystore not found");
    }

    @Test
    void verifySaysWhoSignedWhatAndWhenAndRejectsATamperedFile() throws Exception {
        SignatureSettings settings = new SignatureSettings(keystore, "UNSET_" + System.nanoTime(),
                SignatureSettings.defaultPasswordFile(keystore), SignatureAlgorithm.RSA_SHA256, dir.resolve("trust"),
                VerificationLimits.defaults());
        SigningKeys keys = SigningKeystore.open(settings, true, k -> null, l -> { });
        Document doc = SecureXml.documentBuilder().parse(new ByteArrayInputStream(DOSSIER.getBytes(StandardCharsets.UTF_8)));
        Path signed = dir.resolve("signed.xml");
        Files.write(signed, new PayloadSigner(keys).sign(doc.getDocumentElement()));
        Files.createDirectories(dir.resolve("trust"));
        Files.writeString(dir.resolve("trust/node.pem"), Certificates.pem(keys.all().get(0).certificate()));

        Run ok = CommandLineTest.run("verify", "--config", config.toString(), signed.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(signed + ": valid signature over {urn:dossierlink:dossier:1}dossier Id=\"dl-")
                .contains("signed by CN=dossierlink demo node,O=dossierlink demo (not for production)").contains("signed at 20");

        Path tampered = dir.resolve("tampered.xml");
        Files.writeString(tampered, Files.readString(signed).replace("10167109", "10167108"));
        Run bad = CommandLineTest.run("verify", "--trust", dir.resolve("trust").toString(), tampered.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(tampered + ": signature rejected (DIGEST_MISMATCH)");

        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<a>\n<b></a>");
        Run unreadable = CommandLineTest.run("verify", "--trust", dir.resolve("trust").toString(), broken.toString());
        assertThat(unreadable.exit()).isEqualTo(1);
        assertThat(unreadable.err()).contains(broken + ":2:").contains("not well-formed XML");

        Run noTrust = CommandLineTest.run("verify", "--trust", dir.resolve("nowhere").toString(), signed.toString());
        assertThat(noTrust.exit()).isEqualTo(1);
        assertThat(noTrust.err()).contains("trust store " + dir.resolve("nowhere") + " is not a folder of certificates");
    }
}
