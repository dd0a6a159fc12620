package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.config.NodeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dossierlink check-config}: a good configuration passes, and each kind of mistake is named. */
class CheckConfigCommandTest {

    @TempDir
    Path dir;
    Path keystore;

    @BeforeEach
    void keystore() {
        keystore = dir.resolve("signing.p12");
    }

    private Path config(String body) throws Exception {
        Path f = dir.resolve("node.properties");
        Files.writeString(f, "signature.keystore=" + keystore + "\nserver.port=0\n" + body);
        return f;
    }

    private Run check(Path config) {
        return CommandLineTest.run("check-config", "--config", config.toString(), "--data", dir.resolve("data").toString());
    }

    private void goodKey() throws Exception {
        NodeConfig c = NodeConfig.load(config(""));
        SigningKeystore.add(c.signature(), SelfSignedKeys.generate("node", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=node",
                Duration.ofDays(30)), k -> null);
    }

    @Test
    void aGoodConfigurationPassesAndSaysWhatItChecked() throws Exception {
        goodKey();
        Run r = check(config(""));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok  signing key: 'node' ecdsa-p256-sha256", "ok  store: embedded H2 in ",
                "ok  listen: 127.0.0.1:0 is free", "configuration ok");
    }

    @Test
    void everyMistakeInTheFileIsReportedWithFileKeyAndReason() throws Exception {
        Path f = config("server.port=eighty\nstore.url=jdbc:mysql://db/x\nnode.offices=EP,EPO\n"
                + "signature.algorithm=rsa-sha1\nsignature.max-references=0\nsignature.colour=blue\n");
        Run r = check(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(
                "check-config: " + f + ": unknown key 'signature.colour'",
                "check-config: " + f + ": server.port must be a number from 0 to 65535, found 'eighty'",
                "check-config: " + f + ": store.url must be a jdbc:h2: or jdbc:postgresql: URL, found 'jdbc:mysql://db/x'",
                "check-config: " + f + ": node.offices must list two-letter ST.3 codes, found 'EPO'",
                "check-config: " + f + ": signature.algorithm: unknown signature algorithm 'rsa-sha1'",
                "check-config: " + f + ": signature.max-references must be a number from 1 to 100, found '0'");
        assertThat(r.out()).contains("6 problems");
    }

    @Test
    void aMissingKeystoreAWrongPasswordAndAnExpiredKeyAreNamed() throws Exception {
        Run missing = check(config(""));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("check-config: " + keystore + ": signing keystore not found");

        goodKey();
        Files.writeString(dir.resolve("signing.p12.password"), "not-the-password\n");
        Run wrong = check(config(""));
        assertThat(wrong.err()).contains("check-config: " + keystore + ": wrong keystore password");

        Files.delete(keystore);
        Files.delete(dir.resolve("signing.p12.password"));
        NodeConfig c = NodeConfig.load(config(""));
        Instant now = Instant.now();
        SigningKeystore.add(c.signature(), SelfSignedKeys.generate("old", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=old",
                now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1))), k -> null);
        Run expired = check(config(""));
        assertThat(expired.err()).contains("holds no ecdsa-p256-sha256 key valid at", "'old' ecdsa-p256-sha256 valid ");
    }

    @Test
    void anUnreachableStoreABrokenTrustFolderAndATakenPortAreNamed() throws Exception {
        goodKey();
        Files.createDirectories(dir.resolve("trust"));
        Files.writeString(dir.resolve("trust/partner.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int deadPort = closed.getLocalPort();
            closed.close();
            Path f = dir.resolve("node.properties");
            Files.writeString(f, "signature.keystore=" + keystore + "\nsignature.trust=" + dir.resolve("trust") + "\n"
                    + "server.port=" + taken.getLocalPort() + "\nstore.url=jdbc:postgresql://127.0.0.1:" + deadPort + "/x\n");
            Run r = check(f);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("check-config: signature.trust: " + dir.resolve("trust/partner.pem")
                            + ": not an X.509 certificate",
                    "check-config: store.url: cannot connect to jdbc:postgresql://127.0.0.1:" + deadPort + "/x",
                    "check-config: server.port: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void anEnvironmentVariableOverridesTheFileAndIsNamedWhenWrong() throws Exception {
        assertThat(NodeConfig.environmentVariable("signature.max-references")).isEqualTo("DOSSIERLINK_SIGNATURE_MAX_REFERENCES");
        java.util.Map<String, String> env = java.util.Map.of("DOSSIERLINK_SERVER_PORT", "9090",
                "DOSSIERLINK_NODE_OFFICES", "EP,XXX");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NodeConfig.load(config(""), env::get))
                .hasMessageContaining("environment variable DOSSIERLINK_NODE_OFFICES: node.offices must list two-letter ST.3 codes, found 'XXX'");
        NodeConfig ok = NodeConfig.load(config(""), java.util.Map.of("DOSSIERLINK_SERVER_PORT", "9090")::get);
        assertThat(ok.port()).isEqualTo(9090);
    }
}
