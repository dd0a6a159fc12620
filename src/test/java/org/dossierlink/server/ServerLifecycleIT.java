package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Start, stop, free ports, and what a caller sees when something inside the node breaks. */
class ServerLifecycleIT {

    private static final String INFO = "<m:GetServiceInfo xmlns:m=\"urn:dossierlink:messages:1\"/>";

    @Test
    void port_zero_picks_a_free_port_and_stop_releases_it() throws Exception {
        DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(), TestKeys.signer());
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start();
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.soap11Url()).isEqualTo("http://127.0.0.1:" + port + "/services/dossier");
        assertThat(server.endpointUrls()).containsExactly(server.soap11Url(), server.soap12Url());
        assertThat(RawSoap.call(server.soap12Url(), Version.SOAP12, "GetServiceInfo", INFO).statusCode()).isEqualTo(200);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        server.stop();
        server.stop();
        assertThat(accepts(port)).isFalse();
    }

    @Test
    void a_context_path_prefixes_the_endpoints() throws Exception {
        ServerOptions options = new ServerOptions("127.0.0.1", 0, "/node", true, 1 << 20, true, true, null);
        try (DossierServer server = new DossierServer(options, TestDossiers.service(), TestKeys.signer()).start()) {
            assertThat(server.soap11Url()).endsWith("/node/services/dossier");
            assertThat(RawSoap.call(server.soap11Url(), Version.SOAP11, "GetServiceInfo", INFO).statusCode()).isEqualTo(200);
            Document wsdl = RawSoap.parse(RawSoap.get(server.wsdlUrl()).body());
            assertThat(xpath(wsdl, "//wsdl:port[@name='DossierSoap12Port']/soap12:address/@location"))
                    .isEqualTo(server.soap12Url());
        }
    }

    @Test
    void an_internal_failure_is_a_receiver_fault_with_a_reference_and_no_internals() throws Exception {
        JdbcDossierStore store = TestDossiers.seededStore();
        store.close(); // every query now fails inside the node, as with a lost database
        DossierService broken = new DossierService(store, new NumberNormalizer(), new FamilyLookup(store),
                ServiceInfo.forOffices(List.of("EP")), org.dossierlink.testsupport.TestDialects.converter(),
                org.dossierlink.testsupport.TestOffices.gate());
        try (DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), broken, TestKeys.signer()).start()) {
            String family = "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                    + "<m:number>10167109</m:number></m:GetFamily>";
            for (Version v : Version.values()) {
                String url = v == Version.SOAP11 ? server.soap11Url() : server.soap12Url();
                var response = RawSoap.call(url, v, "GetFamily", family);
                assertThat(response.statusCode()).isEqualTo(500);
                assertThat(response.body()).contains("reference").doesNotContain("jdbc", "h2:mem", "Hikari", "Exception", "\tat ");
                Document doc = RawSoap.parse(response.body());
                String code = v == Version.SOAP11 ? xpath(doc, "//s11:Fault/faultcode")
                        : xpath(doc, "//s12:Fault/s12:Code/s12:Value");
                assertThat(code).endsWith(v == Version.SOAP11 ? ":Server" : ":Receiver");
                // the rest of the node still answers
                assertThat(RawSoap.call(url, v, "GetServiceInfo", INFO).statusCode()).isEqualTo(200);
            }
            // and a typed fault is still typed
            SoapFaults.assertFault(RawSoap.call(server.soap11Url(), Version.SOAP11, "GetFamily",
                    family.replace(">EP<", ">ZZ<")), Version.SOAP11, "Client", "UnknownOfficeFault", "UNKNOWN_OFFICE");
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
