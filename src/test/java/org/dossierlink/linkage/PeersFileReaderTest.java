package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.dossierlink.config.ConfigException;
import org.dossierlink.signature.Certificates;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersFileReaderTest {

    @TempDir
    Path dir;

    private Path file(String peers) throws Exception {
        Files.writeString(dir.resolve("ep-net.pem"), Certificates.pem(TestKeys.ec().certificate()));
        Path f = dir.resolve("peers.xml");
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<peers xmlns=\"urn:dossierlink:peers:1\" max-hops=\"2\">\n" + peers
                + "</peers>\n");
        return f;
    }

    @Test
    void a_good_file_reads_into_peers_with_certificates_relative_to_it() throws Exception {
        Peers peers = Peers.load(file("  <peer name=\"ep-net\" endpoint=\"https://ep.example.org:8443/services/dossier\""
                + " certificate=\"ep-net.pem\" timeout=\"PT1.5S\">\n    <offices>EP US</offices>\n  </peer>\n"), "jp-net");
        assertThat(peers.maxHops()).isEqualTo(2);
        Peer p = peers.named("ep-net").orElseThrow();
        assertThat(p.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.offices()).containsExactlyInAnyOrder("EP", "US");
        assertThat(p.certificate()).isEqualTo(TestKeys.ec().certificate());
        assertThat(peers.holderOf("US")).map(Peer::name).hasValue("ep-net");
        assertThat(peers.self()).isEqualTo("jp-net");
        assertThat(p.tlsCertificate()).isNull();
    }

    @Test
    void a_pinned_tls_certificate_is_read_and_only_for_https() throws Exception {
        Files.writeString(dir.resolve("ep-tls.pem"), Certificates.pem(TestKeys.rsa().certificate()));
        Peers peers = Peers.load(file("  <peer name=\"ep-net\" endpoint=\"https://127.0.0.1:8443/services/dossier\""
                + " certificate=\"ep-net.pem\" tls-certificate=\"ep-tls.pem\"><offices>EP</offices></peer>\n"), "jp-net");
        assertThat(peers.named("ep-net").orElseThrow().tlsCertificate()).isEqualTo(TestKeys.rsa().certificate());
        Path http = file("  <peer name=\"ep-net\" endpoint=\"http://127.0.0.1:8080/services/dossier\""
                + " certificate=\"ep-net.pem\" tls-certificate=\"ep-tls.pem\"><offices>EP</offices></peer>\n");
        assertThatThrownBy(() -> Peers.load(http, "jp-net")).hasMessageContaining(http + ":3:")
                .hasMessageContaining("tls-certificate is for an https endpoint");
    }

    @Test
    void every_problem_is_reported_with_file_line_and_column() throws Exception {
        Path f = file("  <peer name=\"ep-net\" endpoint=\"ftp://x/\" certificate=\"missing.pem\" timeout=\"soon\">\n"
                + "    <offices>EP</offices>\n  </peer>\n"
                + "  <peer name=\"jp-net\" endpoint=\"http://127.0.0.1:9/services/dossier\" certificate=\"ep-net.pem\">\n"
                + "    <offices>EP XYZ</offices>\n  </peer>\n"
                + "  <peer name=\"ep-net\" endpoint=\"http://127.0.0.1:9/x\" certificate=\"ep-net.pem\" timeout=\"PT10M\">\n"
                + "    <offices>CN</offices>\n  </peer>\n");
        assertThatThrownBy(() -> Peers.load(f, "jp-net")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":3:")
                .hasMessageContaining("'soon'");
        Path semantic = file("  <peer name=\"ep-net\" endpoint=\"ftp://x/\" certificate=\"missing.pem\">\n"
                + "    <offices>EP</offices>\n  </peer>\n"
                + "  <peer name=\"jp-net\" endpoint=\"http://127.0.0.1:9/services/dossier\" certificate=\"ep-net.pem\">\n"
                + "    <offices>EP XYZ</offices>\n  </peer>\n"
                + "  <peer name=\"ep-net\" endpoint=\"http://127.0.0.1:9/x\" certificate=\"ep-net.pem\" timeout=\"PT10M\">\n"
                + "    <offices>CN</offices>\n  </peer>\n");
        assertThatThrownBy(() -> Peers.load(semantic, "jp-net")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(semantic + ":3:").hasMessageContaining("endpoint must be an http:// or https://")
                .hasMessageContaining("cannot read the certificate")
                .hasMessageContaining(semantic + ":6:").hasMessageContaining("this node's own name")
                .hasMessageContaining("'XYZ' is not a two-letter ST.3 office code")
                .hasMessageContaining("office EP is already served by peer 'ep-net'")
                .hasMessageContaining(semantic + ":9:").hasMessageContaining("configured twice")
                .hasMessageContaining("timeout PT10M must be from 10 ms");
    }

    @Test
    void a_missing_file_or_broken_xml_says_so() throws Exception {
        assertThatThrownBy(() -> Peers.load(dir.resolve("none.xml"), "a"))
                .hasMessageContaining("peers file not found (linkage.peers)");
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<peers xmlns=\"urn:dossierlink:peers:1\">\n<peer");
        assertThatThrownBy(() -> Peers.load(broken, "a")).hasMessageContaining(broken + ":2:")
                .hasMessageContaining("not well-formed");
    }
}
