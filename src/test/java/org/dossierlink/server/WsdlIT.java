package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.dossierlink.testsupport.RawSoap.nodes;
import static org.dossierlink.testsupport.RawSoap.parse;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The published contract: ?wsdl is the WSDL of wsdl/dossierlink.wsdl with this server's addresses,
 * and every schema it imports, directly or through another schema, is reachable at ?xsd=... and
 * well-formed for xmllint and for the JDK parser.
 */
class WsdlIT {

    private static DossierServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void wsdl_of_either_port_has_both_ports_at_this_server() {
        for (String url : List.of(server.soap11Url() + "?wsdl", server.soap12Url() + "?wsdl")) {
            HttpResponse<String> r = RawSoap.get(url);
            assertThat(r.statusCode()).isEqualTo(200);
            Document wsdl = parse(r.body());
            String svc = "/wsdl:definitions/wsdl:service[@name='DossierService']";
            assertThat(xpath(wsdl, svc + "/wsdl:port[@name='DossierSoap11Port']/soap:address/@location"))
                    .as(url).isEqualTo(server.soap11Url());
            assertThat(xpath(wsdl, svc + "/wsdl:port[@name='DossierSoap12Port']/soap12:address/@location"))
                    .as(url).isEqualTo(server.soap12Url());
        }
    }

    @Test
    void served_wsdl_declares_the_contract_of_the_source_file() throws IOException {
        Document served = parse(RawSoap.get(server.wsdlUrl()).body());
        Document source;
        try (InputStream in = WsdlIT.class.getResourceAsStream("/wsdl/dossierlink.wsdl")) {
            source = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (String what : List.of("wsdl:portType/wsdl:operation", "wsdl:binding", "wsdl:message",
                "wsdl:binding[@name='DossierSoap11Binding']/wsdl:operation/soap:operation",
                "wsdl:binding[@name='DossierSoap12Binding']/wsdl:operation/soap12:operation",
                "wsdl:portType/wsdl:operation/wsdl:fault")) {
            // CXF serves the contract from its parsed model: same definitions, not necessarily same order
            assertThat(names(served, "/wsdl:definitions/" + what)).as(what)
                    .isNotEmpty().containsExactlyInAnyOrderElementsOf(names(source, "/wsdl:definitions/" + what));
        }
    }

    @Test
    void every_referenced_schema_resolves_and_is_well_formed(@TempDir Path dir) throws Exception {
        Map<String, String> fetched = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(schemaLocations(parse(RawSoap.get(server.wsdlUrl()).body())));
        assertThat(todo).isNotEmpty();
        while (!todo.isEmpty()) {
            String url = todo.pop();
            if (fetched.containsKey(url)) {
                continue;
            }
            assertThat(url).as("schemas are served by this server").startsWith(server.baseUrl()).contains("?xsd=");
            HttpResponse<String> r = RawSoap.get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            fetched.put(url, r.body());
            Document xsd = parse(r.body());
            assertThat(xsd.getDocumentElement().getLocalName()).as(url).isEqualTo("schema");
            todo.addAll(schemaLocations(xsd));
        }
        assertThat(fetched.values()).anyMatch(x -> x.contains("targetNamespace=\"urn:dossierlink:messages:1\""))
                .anyMatch(x -> x.contains("targetNamespace=\"urn:dossierlink:dossier:1\""));

        List<String> files = new ArrayList<>();
        int i = 0;
        for (String body : fetched.values()) {
            Path file = dir.resolve("schema" + i++ + ".xsd");
            Files.writeString(file, body);
            files.add(file.toString());
        }
        Path wsdl = dir.resolve("served.wsdl");
        Files.writeString(wsdl, RawSoap.get(server.wsdlUrl()).body());
        files.add(wsdl.toString());
        xmllint(files);
    }

    private static void xmllint(List<String> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("xmllint", "--noout", "--nonet"));
        command.addAll(files);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("xmllint is not installed (Debian package libxml2-utils): run .ci/run, which installs the test tools");
            return;
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xmllint did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static List<String> schemaLocations(Document doc) {
        List<String> urls = new ArrayList<>();
        NodeList imports = nodes(doc, "//xs:import[@schemaLocation] | //xs:include[@schemaLocation]");
        for (int i = 0; i < imports.getLength(); i++) {
            String location = ((Element) imports.item(i)).getAttribute("schemaLocation");
            urls.add(URI.create(server.wsdlUrl()).resolve(location).toString());
        }
        return urls;
    }

    private static List<String> names(Document doc, String expression) {
        NodeList list = nodes(doc, expression);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String name = e.hasAttribute("name") ? e.getAttribute("name") : e.getAttribute("soapAction");
            names.add(name);
        }
        return names;
    }
}
