package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.dossierlink.cli.CommandLineTest.Run;
import org.dossierlink.server.TlsKeystore;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.config.NodeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        Files.writeString(f, "signature.keystore=" + keystore + "\nserver.port=0\nserver.tls.keystore="
                + dir.resolve("tls.p12") + "\n" + body);
        return f;
    }

    private Run check(Path config) {
        return CommandLineTest.run("check-config", "--config", config.toString(), "--data", dir.resolve("data").toString());
    }

    private void goodKey() throws Exception {
        NodeConfig c = NodeConfig.load(config(""));
        SigningKeystore.add(c.signature(), SelfSignedKeys.generate("node", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=node",
                Duration.ofDays(30)), k -> null);
        TlsKeystore.create(c.tls(), java.util.List.of("127.0.0.1"), Duration.ofDays(30), k -> null);
    }

    @Test
    void aGoodConfigurationPassesAndSaysWhatItChecked() throws Exception {
        goodKey();
        Run r = check(config(""));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok  signing key: 'node' ecdsa-p256-sha256", "ok  store: embedded H2 in ",
                "ok  https: key in " + dir.resolve("tls.p12"), "ok  listen: 127.0.0.1:0 is free", "configuration ok");
    }

    @Test
    void theBulkWorkFolderMustBeWritable() throws Exception {
        goodKey();
        Run r = check(config(""));
        assertThat(r.out()).contains("ok  bulk transfer: work folder " + dir.resolve("data").resolve("bulk").toAbsolutePath()
                + ", packages up to 4294967296 bytes, 1 at a time, 16 waiting");
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Run bad = check(config("bulk.work-dir=" + file.resolve("bulk") + "\n"));
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("check-config: bulk.work-dir: " + file.resolve("bulk") + " cannot be created or written");
    }

    @Test
    void thePeersFileIsCheckedWithFileLineAndColumn() throws Exception {
        goodKey();
        Files.writeString(dir.resolve("ep-net.pem"), org.dossierlink.signature.Certificates.pem(
                SelfSignedKeys.generate("ep", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=ep-net", Duration.ofDays(30))
                        .certificate()));
        Path peers = dir.resolve("peers.xml");
        Files.writeString(peers, "<peers xmlns=\"urn:dossierlink:peers:1\">\n  <peer name=\"ep-net\""
                + " endpoint=\"http://127.0.0.1:9/services/dossier\" certificate=\"ep-net.pem\">\n"
                + "    <offices>EP US</offices>\n  </peer>\n</peers>\n");
        Run r = check(config("node.name=jp-net\nlinkage.peers=" + peers + "\n"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok  peers: 1 peers (ep-net), max 3 hops, node name 'jp-net'");
        Run none = check(config(""));
        assertThat(none.out()).contains("ok  peers: none (linkage.peers is not set)");

        Files.writeString(peers, "<peers xmlns=\"urn:dossierlink:peers:1\">\n  <peer name=\"jp-net\""
                + " endpoint=\"http://127.0.0.1:9/services/dossier\" certificate=\"ep-net.pem\">\n"
                + "    <offices>EP</offices>\n  </peer>\n</peers>\n");
        Run bad = check(config("node.name=jp-net\nlinkage.peers=" + peers + "\n"));
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("check-config: " + peers + ":2:").contains("this node's own name");
        Run badName = check(config("node.name=jp net\n"));
        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.err()).contains("node.name must be 1 to 64 letters");
    }

    @Test
    void withoutTheDemoFlagTheHttpsKeyIsNeededAsServeNeedsIt() throws Exception {
        goodKey();
        Files.delete(dir.resolve("tls.p12"));
        Run r = check(config(""));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("check-config: server.tls.keystore: " + dir.resolve("tls.p12")
                + " does not exist: create it with `dossierlink keys tls --name HOST` (self-signed) or put your office's"
                + " PKCS#12 key there; or start with --demo for plain HTTP without authentication, on this machine only");
        Run demo = CommandLineTest.run("check-config", "--demo", "--config", config("").toString(), "--data",
                dir.resolve("data").toString());
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("ok  https: not used with --demo");

        Files.writeString(dir.resolve("tls.p12.password"), "not the password\n");
        TlsKeystore.create(new org.dossierlink.config.TlsSettings(dir.resolve("tls.p12"), "UNSET_TLS_PASSWORD_VARIABLE",
                dir.resolve("other.password")), java.util.List.of("127.0.0.1"), Duration.ofDays(30), k -> null);
        Run wrongPassword = check(config(""));
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("check-config: server.tls.keystore: " + dir.resolve("tls.p12")
                + ": cannot open it (").contains("check the password in DOSSIERLINK_TLS_PASSWORD or "
                + dir.resolve("tls.p12.password"));
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

    private static final String HASH = "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    /** An offices file: JP and AU on lines 2 and 3, then {@code rest} from line 4. */
    private Path offices(String rest) throws Exception {
        Path f = dir.resolve("offices.xml");
        Files.writeString(f, "<offices xmlns=\"urn:dossierlink:offices:1\">\n"
                + "  <office code=\"JP\" name=\"Japan Patent Office\" role=\"providing-and-accessing\"/>\n"
                + "  <office code=\"AU\" name=\"IP Australia\" role=\"providing-and-accessing\"/>\n" + rest);
        return f;
    }

    @Test
    void theOfficesFileIsCheckedAndSummarised() throws Exception {
        goodKey();
        Path f = offices("  <agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\" confirmed=\"false\"/>\n</offices>\n");
        Run r = check(config("access.offices=" + f + "\n"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok  offices: 2 offices, 1 agreements (1 to be confirmed), 0 users, 0 client certificates (" + f + ")");

        Run seed = check(config(""));
        assertThat(seed.out()).as(seed.err()).contains("ok  offices: 9 offices, 3 agreements (1 to be confirmed), 0 users,"
                + " 0 client certificates (conf/offices.xml)");
    }

    static java.util.stream.Stream<Arguments> officesMistakes() {
        return java.util.stream.Stream.of(
                Arguments.of("malformed XML", "  <agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\">\n</offices>\n",
                        5, "not well-formed XML"),
                Arguments.of("schema violation", "  <agreement accessing=\"AU\" providing=\"JP\"/>\n</offices>\n",
                        4, "Attribute 'start' must appear on element 'agreement'."),
                Arguments.of("unknown office in an agreement", "  <agreement accessing=\"AU\" providing=\"CN\" start=\"2014-04-01\"/>\n</offices>\n",
                        4, "providing office CN is not configured"),
                Arguments.of("end before start", "  <agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\" end=\"2014-01-01\"/>\n</offices>\n",
                        4, "agreement JP to AU ends 2014-01-01, before it starts 2014-04-01"),
                Arguments.of("an office with itself", "  <agreement accessing=\"JP\" providing=\"JP\" start=\"2014-04-01\"/>\n</offices>\n",
                        4, "agreement with JP as both accessing and providing office"),
                Arguments.of("duplicate code", "  <office code=\"JP\" name=\"again\" role=\"accessing-only\"/>\n</offices>\n",
                        4, "office JP is configured twice (first at line 2)"),
                Arguments.of("not an ST.3 code", "  <office code=\"QQ\" name=\"nobody\" role=\"accessing-only\"/>\n</offices>\n",
                        4, "office code 'QQ' is not a WIPO ST.3 code"),
                Arguments.of("bad password hash", "  <office code=\"GB\" name=\"UK IPO\" role=\"accessing-only\">\n"
                        + "    <username-token username=\"ukipo\" password-hash=\"plain-text-password\"/>\n  </office>\n</offices>\n",
                        5, "password-hash of user 'ukipo': a password hash has the form pbkdf2-sha256$ITERATIONS$SALT$HASH"),
                Arguments.of("duplicate username", "  <office code=\"GB\" name=\"UK IPO\" role=\"accessing-only\">\n"
                        + "    <username-token username=\"u\" password-hash=\"" + HASH + "\"/>\n"
                        + "    <username-token username=\"u\" password-hash=\"" + HASH + "\"/>\n  </office>\n</offices>\n",
                        6, "username 'u' is configured twice (first at line 5)"),
                Arguments.of("bad certificate fingerprint", "  <office code=\"GB\" name=\"UK IPO\" role=\"accessing-only\">\n"
                        + "    <client-certificate sha256=\"SHA256:xyz\"/>\n  </office>\n</offices>\n",
                        5, "client-certificate sha256 'SHA256:xyz' is not a SHA-256 fingerprint"),
                Arguments.of("quota not positive", "  <office code=\"GB\" name=\"UK IPO\" role=\"accessing-only\">\n"
                        + "    <quota requests-per-minute=\"0\"/>\n  </office>\n</offices>\n",
                        5, "requests-per-minute must be a positive whole number"),
                Arguments.of("unknown category", "  <agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\" categories=\"search drawings\"/>\n</offices>\n",
                        4, "unknown document category 'drawings' (categories: application, office-action, search,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officesMistakes")
    void eachKindOfMistakeInTheOfficesFileIsNamedWithItsLine(String kind, String rest, int line, String reason) throws Exception {
        goodKey();
        Path f = offices(rest);
        Run r = check(config("access.offices=" + f + "\n"));
        assertThat(r.exit()).as(kind).isEqualTo(1);
        assertThat(r.err().lines()).as(kind).singleElement().satisfies(l -> assertThat(l)
                .startsWith("check-config: " + f + ":" + line + ":").contains(reason));
        assertThat(r.out()).contains("1 problem").doesNotContain("ok  offices");
    }

    @Test
    void aMissingOfficesFileIsNamed() throws Exception {
        goodKey();
        Path f = dir.resolve("nowhere.xml");
        Run r = check(config("access.offices=" + f + "\n"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("check-config: " + f + ": offices file not found (access.offices)");
    }

    @Test
    void everyProblemOfTheOfficesFileIsALineOfItsOwn() throws Exception {
        goodKey();
        Path f = offices("  <office code=\"JP\" name=\"again\" role=\"accessing-only\"/>\n"
                + "  <agreement accessing=\"AU\" providing=\"CN\" start=\"2014-04-01\" end=\"2000-01-01\"/>\n</offices>\n");
        Run r = check(config("access.offices=" + f + "\n"));
        assertThat(r.err().lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("check-config: " + f + ":"));
        assertThat(r.out()).contains("3 problems");
    }
}
