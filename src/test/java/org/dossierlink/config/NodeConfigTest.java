package org.dossierlink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {

    @Test
    void defaultsServeLocalhostOnPort8080WithEmbeddedStore() {
        NodeConfig c = NodeConfig.fromMap(Map.of(), k -> null);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").contains("/data/dossierlink;");
        assertThat(c.offices()).contains("EP", "US", "JP", "CN", "KR", "WO");
    }

    @Test
    void theOfficesFileIsConfOfficesXmlUnlessSetAndSurvivesOverrides(@TempDir Path dir) {
        NodeConfig defaults = NodeConfig.fromMap(Map.of(), k -> null);
        assertThat(defaults.officesFile()).isEqualTo(Path.of("conf", "offices.xml"));
        assertThat(defaults.with(9000, dir).officesFile()).isEqualTo(Path.of("conf", "offices.xml"));
        NodeConfig set = NodeConfig.fromMap(Map.of("access.offices", "/etc/dossierlink/offices.xml"), k -> null);
        assertThat(set.officesFile()).isEqualTo(Path.of("/etc/dossierlink/offices.xml"));
        assertThat(set.with(0, dir).officesFile()).isEqualTo(Path.of("/etc/dossierlink/offices.xml"));
        NodeConfig env = NodeConfig.fromMap(Map.of("access.offices", "a.xml"),
                k -> k.equals("DOSSIERLINK_ACCESS_OFFICES") ? "b.xml" : null);
        assertThat(env.officesFile()).isEqualTo(Path.of("b.xml"));
        NodeConfig constructed = new NodeConfig("127.0.0.1", 8080, dir, null, null, null, java.util.List.of("EP"),
                defaults.signature(), null, null);
        assertThat(constructed.officesFile()).isEqualTo(NodeConfig.DEFAULT_OFFICES_FILE);
        assertThat(constructed.tls().keystore()).isEqualTo(Path.of("conf", "tls.p12"));
        NodeConfig tls = NodeConfig.fromMap(Map.of("server.tls.keystore", "/etc/dossierlink/tls.p12"),
                k -> k.equals("DOSSIERLINK_SERVER_TLS_KEYSTORE_PASSWORD_ENV") ? "MY_TLS_PASSWORD" : null);
        assertThat(tls.tls().keystore()).isEqualTo(Path.of("/etc/dossierlink/tls.p12"));
        assertThat(tls.tls().passwordEnv()).isEqualTo("MY_TLS_PASSWORD");
        assertThat(tls.tls().passwordFile()).isEqualTo(Path.of("/etc/dossierlink/tls.p12.password"));
    }

    @Test
    void commandLineOverridesPortAndDataFolder(@TempDir Path dir) {
        NodeConfig c = NodeConfig.fromMap(Map.of("server.port", "9000"), k -> null).with(0, dir);
        assertThat(c.port()).isZero();
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("dossierlink") + ";");
    }

    @Test
    void passwordComesFromTheNamedEnvironmentVariable() {
        NodeConfig c = NodeConfig.fromMap(Map.of("store.url", "jdbc:postgresql://db/x", "store.password-env", "PGPASS"),
                k -> k.equals("PGPASS") ? "s3cret" : null);
        assertThat(c.storePassword()).isEqualTo("s3cret");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void unknownKeyNamesFileAndKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.properties");
        Files.writeString(f, "server.prot=8080\n");
        assertThatThrownBy(() -> NodeConfig.load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("unknown key 'server.prot'");
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("server.port", "eighty"), k -> null))
                .hasMessageContaining("server.port must be a number");
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("server.port", "70000"), k -> null))
                .hasMessageContaining("server.port must be from 0 to 65535");
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("store.url", "jdbc:mysql://x"), k -> null))
                .hasMessageContaining("store.url must be a jdbc:h2: or jdbc:postgresql: URL");
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("node.offices", "EP,EPO"), k -> null))
                .hasMessageContaining("'EPO'");
    }

    @Test
    void signatureSettingsHaveDefaultsAndAreChecked() {
        NodeConfig c = NodeConfig.fromMap(Map.of(), k -> null);
        assertThat(c.signature().keystore()).isEqualTo(Path.of("conf", "signing.p12"));
        assertThat(c.signature().passwordFile()).isEqualTo(Path.of("conf", "signing.p12.password"));
        assertThat(c.signature().passwordEnv()).isEqualTo("DOSSIERLINK_KEYSTORE_PASSWORD");
        assertThat(c.signature().algorithm()).isEqualTo(org.dossierlink.signature.SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(c.signature().limits().maxReferences()).isEqualTo(4);

        NodeConfig ec = NodeConfig.fromMap(Map.of("signature.algorithm", "rsa-sha256",
                "signature.keystore", "/etc/dossierlink/node.p12", "signature.max-transforms", "2"), k -> null);
        assertThat(ec.signature().algorithm()).isEqualTo(org.dossierlink.signature.SignatureAlgorithm.RSA_SHA256);
        assertThat(ec.signature().passwordFile()).isEqualTo(Path.of("/etc/dossierlink/node.p12.password"));
        assertThat(ec.signature().limits().maxTransforms()).isEqualTo(2);

        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("signature.algorithm", "rsa-sha1"), k -> null))
                .hasMessageContaining("signature.algorithm: unknown signature algorithm 'rsa-sha1'")
                .hasMessageContaining("rsa-sha256, ecdsa-p256-sha256");
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("signature.max-references", "0"), k -> null))
                .hasMessageContaining("signature.max-references must be a number from 1 to 100, found '0'");
    }

    @Test
    void everyKeyIsDocumentedInTheReadmeAndTheShippedFile() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        String shipped = java.nio.file.Files.readString(Path.of("conf", "dossierlink.properties"));
        for (String key : NodeConfig.keys()) {
            assertThat(readme).as("README configuration table").contains("| `" + key + "` |");
            assertThat(shipped).as("conf/dossierlink.properties").containsPattern("(?m)^" + java.util.regex.Pattern.quote(key) + "=");
        }
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> NodeConfig.load(dir.resolve("nope.properties")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("configuration file not found");
    }

    @Test
    void shippedConfigurationLoads() {
        NodeConfig c = NodeConfig.load(Path.of("conf", "dossierlink.properties"));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.storeUrl()).isNull();
    }
}
