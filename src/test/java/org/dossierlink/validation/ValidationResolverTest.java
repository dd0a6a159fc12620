package org.dossierlink.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline validation: what the catalog maps is served from xsd/, anything else is refused, never fetched. */
class ValidationResolverTest {

    static final DossierValidator VALIDATOR = ValidationCorpusTest.VALIDATOR;

    @TempDir
    Path dir;

    @Test
    void everyCatalogEntryIsABundledFile() throws IOException {
        CatalogResolver c = CatalogResolver.bundled();
        for (String id : new String[] {"http://www.w3.org/1999/xlink.xsd", "https://www.w3.org/2001/xml.xsd",
                "http://www.w3.org/2001/xml.xsd"}) {
            String hit = c.resolveUri(id, null, null);
            assertThat(c.displayName(hit)).startsWith("xsd/w3c/");
            assertThat(c.bytes(hit)).isNotEmpty();
        }
        assertThat(c.displayName(c.resolveUri(null, null, "http://www.w3.org/XML/1998/namespace"))).isEqualTo("xsd/w3c/xml.xsd");
        assertThat(c.displayName(c.resolveEntity(null, "us-patent-grant-v45-2014-04-03.dtd", "file:/somewhere/doc.xml")))
                .isEqualTo("xsd/uspto/us-patent-grant-v45-2014-04-03.dtd");
        assertThat(c.displayName(c.resolveEntity("-//W3C//ENTITIES MathML 2.0 Qualified Names 1.0//EN", "nowhere.mod", null)))
                .isEqualTo("xsd/uspto/mathml2-qname-1.mod");
        assertThat(c.displayName(c.resolveEntity(null, "gat-a-com.dtd", c.bundledUrl("jpo/jp-a.dtd"))))
                .isEqualTo("xsd/jpo/jp-a-com.dtd");
        assertThat(c.resolveEntity(null, "http://127.0.0.1:9/x.dtd", null)).isNull();
        assertThat(c.resolveEntity(null, "../../etc/passwd", c.bundledUrl("jpo/jp-a.dtd"))).isNull();
        assertThat(c.resolveUri("file:/etc/passwd", null, null)).isNull();
    }

    /** A schemaLocation hint to a listening local port: refused, and the port sees no connection. */
    @Test
    void schemaLocationToTheNetworkIsRefusedWithoutAConnection() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listening.getLocalPort() + "/evil.xsd";
            ValidationReport r = validateAsDocdb(hinted(url));
            assertRefused(r, url);
            listening.setSoTimeout(300);
            boolean connected;
            try (var s = listening.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("the validator connected to " + url).isFalse();
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/evil.xsd";
        ValidationReport r = validateAsDocdb(hinted(url));
        assertRefused(r, url);
        assertThat(r.issues()).noneSatisfy(i -> assertThat(i.message()).containsIgnoringCase("connection refused"));
    }

    /** A schema outside xsd/ that would make the document valid: refused, so the document stays invalid. */
    @Test
    void schemaLocationOutsideXsdIsRefused() throws IOException {
        Path evil = dir.resolve("evil.xsd");
        Files.writeString(evil, "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:evil'>"
                + "<xs:element name='thing'/></xs:schema>");
        String url = evil.toUri().toString();
        ValidationReport r = validateAsDocdb(hinted(url));
        assertRefused(r, url);
    }

    @Test
    void doctypeToTheNetworkIsRefused() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listening.getLocalPort() + "/us-patent-grant-v47-2099-01-01.dtd";
            String doc = Files.readString(Corpus.file("uspto/redbook-samples/US08926509.xml"))
                    .replace("\"us-patent-grant-v45-2014-04-03.dtd\"", "\"" + url + "\"");
            ValidationReport r = VALIDATOR.validate(doc.getBytes(StandardCharsets.UTF_8), "us.xml", null, ValidationMode.STRICT);
            assertThat(r.dialect()).isEqualTo(Dialect.USPTO);
            assertThat(r.valid()).isFalse();
            assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("refused").contains(url));
            listening.setSoTimeout(300);
            boolean connected;
            try (var s = listening.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).isFalse();
        }
    }

    @Test
    void doctypeToAFileOutsideXsdIsRefused() throws IOException {
        Path evil = dir.resolve("anything.dtd");
        Files.writeString(evil, "<!ELEMENT jp-official-gazette ANY>");
        String gazette = Files.readString(Corpus.file("jpo/jp-gazette-st36/JP2021044377A.xml"));
        String doc = "<!DOCTYPE jp-official-gazette SYSTEM \"" + evil.toUri() + "\">" + gazette;
        ValidationReport r = VALIDATOR.validate(doc.getBytes(StandardCharsets.UTF_8), "jp.xml", null, ValidationMode.STRICT);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).anySatisfy(i -> assertThat(i.message()).contains("refused").contains(evil.toUri().toString()));

        // and an external entity in the document's own internal subset
        String entity = "<!DOCTYPE jp-official-gazette SYSTEM \"jp-a.dtd\" [<!ENTITY secret SYSTEM \"" + evil.toUri()
                + "\">]>" + gazette.replace("<invention-title>", "<invention-title>&secret;");
        ValidationReport e = VALIDATOR.validate(entity.getBytes(StandardCharsets.UTF_8), "jp.xml", null, ValidationMode.STRICT);
        assertThat(e.valid()).isFalse();
        assertThat(e.errors()).anySatisfy(i -> assertThat(i.message()).contains("refused"));
    }

    private static String hinted(String location) {
        return "<thing xmlns='urn:evil' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
                + " xsi:schemaLocation='urn:evil " + location + "'/>";
    }

    private static ValidationReport validateAsDocdb(String xml) {
        return VALIDATOR.validate(xml.getBytes(StandardCharsets.UTF_8), "hint.xml", Dialect.DOCDB, ValidationMode.STRICT);
    }

    /** The compiled schema never follows a hint; the report names the hint it did not follow, and the element stays undeclared. */
    private static void assertRefused(ValidationReport r, String url) {
        assertThat(r.valid()).isFalse();
        assertThat(r.issues()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo("refused");
            assertThat(i.message()).isEqualTo("schema location not in xsd/catalog.xml, not followed: " + url);
            assertThat(i.xpath()).isEqualTo("/thing");
        });
        assertThat(r.errors()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo("cvc-elt.1.a");
            assertThat(i.xpath()).isEqualTo("/thing");
        });
    }
}
