package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.callback.Callback;
import javax.xml.namespace.QName;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.testsupport.TestOffices;
import org.dossierlink.testsupport.WsSecurityHeader;
import org.dossierlink.wire.AccessDeniedFault;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.messages.ApplicationKeyRequestType;
import org.dossierlink.wire.messages.GetFamily;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/**
 * A production node: HTTPS only, every call authenticated by a WS-Security UsernameToken (PasswordDigest
 * or PasswordText, with a Timestamp, nonce replay refused) or a registered TLS client certificate; only
 * GetServiceInfo, GetSigningCertificates and the contract are public. Called with hand-built requests
 * and with CXF's own WS-Security client.
 */
class AuthenticationIT {

    private static final String FAMILY = "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
            + "<m:number>10167109</m:number><m:numberType>application</m:numberType></m:GetFamily>";
    private static final String EP_DOCUMENTS = "<m:GetDocumentList xmlns:m=\"urn:dossierlink:messages:1\">"
            + "<m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber></m:GetDocumentList>";
    private static final String INFO = "<m:GetServiceInfo xmlns:m=\"urn:dossierlink:messages:1\"/>";

    private static DossierServer server;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        server = new DossierServer(TestOffices.securedOptions(), TestDossiers.service(), TestKeys.signer(),
                new org.dossierlink.operator.NodeMetrics(), TestOffices.access(Clock.systemUTC())).start();
        https = client(null);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** An HTTPS client trusting exactly the test node's certificate, presenting {@code clientKey} if given. */
    private static HttpClient client(SigningKey clientKey) throws Exception {
        return HttpClient.newBuilder().sslContext(tls(clientKey)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static SSLContext tls(SigningKey clientKey) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestOffices.trustStore(TestOffices.serverTls()));
        SSLContext ssl = SSLContext.getInstance("TLS");
        if (clientKey == null) {
            ssl.init(null, tmf.getTrustManagers(), null);
        } else {
            KeyStore ks = TestOffices.keyStore(clientKey, "client-pass");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "client-pass".toCharArray());
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        }
        return ssl;
    }

    private static String url(Version v) {
        return v == Version.SOAP11 ? server.soap11Url() : server.soap12Url();
    }

    private static HttpResponse<String> call(Version v, String header, String operation, String body) {
        return RawSoap.post(https, url(v), v, operation, RawSoap.envelope(v, header, body).getBytes(StandardCharsets.UTF_8));
    }

    private static String env(Version v) {
        return v == Version.SOAP11 ? "s11" : "s12";
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void a_password_digest_token_names_the_office_and_its_agreements_apply(Version v) {
        assertThat(server.soap11Url()).startsWith("https://");
        HttpResponse<String> r = call(v, WsSecurityHeader.digest(TestOffices.JP_USER, TestOffices.jpDigestKey(),
                Instant.now()), "GetFamily", FAMILY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document doc = RawSoap.parse(r.body());
        String member = "//m:GetFamilyResponse/m:member[m:application/d:office='%s']";
        // JP sees EP (agreement from 2014-04-01) and its own dossier; US has no agreement with JP
        assertThat(xpath(doc, member.formatted("EP") + "/@dossierAvailable")).isEqualTo("true");
        assertThat(xpath(doc, member.formatted("US") + "/@dossierAvailable")).isEqualTo("false");
        assertThat(xpath(doc, member.formatted("US") + "/@unavailableReason")).isEqualTo("no-agreement");
        assertThat(r.headers().firstValue(Throttling.HEADER)).hasValue("idle"); // JP has no quota
    }

    @Test
    void a_password_text_token_over_tls_authenticates_and_categories_filter_the_list() {
        HttpResponse<String> r = call(Version.SOAP11, WsSecurityHeader.text(TestOffices.JP_USER, TestOffices.JP_PASSWORD,
                Instant.now()), "GetDocumentList", EP_DOCUMENTS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Document doc = RawSoap.parse(r.body());
        // JP's agreement with EP covers search reports only: the office action is not listed
        assertThat(RawSoap.nodes(doc, "//m:GetDocumentListResponse/m:document").getLength()).isEqualTo(1);
        assertThat(xpath(doc, "//m:GetDocumentListResponse/m:document/d:id")).isEqualTo(TestDossiers.XML_DOC_ID);
        // the same password again: remembered, not derived again, and still right
        HttpResponse<String> again = call(Version.SOAP11, WsSecurityHeader.text(TestOffices.JP_USER,
                TestOffices.JP_PASSWORD, Instant.now()), "GetDocumentList", EP_DOCUMENTS);
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void wrong_passwords_unknown_users_and_missing_timestamps_are_refused_alike(Version v) {
        Instant now = Instant.now();
        for (String header : new String[] {
                WsSecurityHeader.digest(TestOffices.JP_USER, "not the digest key", now),
                WsSecurityHeader.digest("nobody", TestOffices.jpDigestKey(), now),
                WsSecurityHeader.text(TestOffices.JP_USER, "wrong password", now),
                // the digest key is the PasswordDigest secret, not a password: as PasswordText it is refused
                WsSecurityHeader.text(TestOffices.JP_USER, TestOffices.jpDigestKey(), now),
                WsSecurityHeader.digestWithoutTimestamp(TestOffices.JP_USER, TestOffices.jpDigestKey(), now)}) {
            HttpResponse<String> r = call(v, header, "GetFamily", FAMILY);
            Document doc = SoapFaults.assertFault(r, v, v == Version.SOAP11 ? faultCode11(r) : "Sender",
                    "AuthenticationFault", "AUTHENTICATION_FAILED");
            assertThat(r.body()).doesNotContain("GetFamilyResponse");
            if (v == Version.SOAP12) {
                assertThat(xpath(doc, "//s12:Fault/s12:Code/s12:Subcode/s12:Value")).contains(":");
            }
        }
    }

    /** The SOAP 1.1 fault code's local name, checked to be in the WS-Security namespace. */
    private static String faultCode11(HttpResponse<String> r) {
        Document doc = RawSoap.parse(r.body());
        org.w3c.dom.Element code = (org.w3c.dom.Element) RawSoap.nodes(doc, "/s11:Envelope/s11:Body/s11:Fault/faultcode").item(0);
        String text = code.getTextContent().trim();
        assertThat(code.lookupNamespaceURI(text.substring(0, text.indexOf(':')))).as(r.body()).isEqualTo(WsSecurityHeader.WSSE_NS);
        return text.substring(text.indexOf(':') + 1);
    }

    @Test
    void a_replayed_token_is_refused() {
        String header = WsSecurityHeader.digest(TestOffices.JP_USER, TestOffices.jpDigestKey(), Instant.now());
        assertThat(call(Version.SOAP11, header, "GetFamily", FAMILY).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = call(Version.SOAP11, header, "GetFamily", FAMILY);
        SoapFaults.assertFault(replay, Version.SOAP11, faultCode11(replay), "AuthenticationFault", "AUTHENTICATION_FAILED");
        // the other port knows the nonce too
        SoapFaults.assertFault(call(Version.SOAP12, header, "GetFamily", FAMILY), Version.SOAP12, "Sender",
                "AuthenticationFault", "AUTHENTICATION_FAILED");
    }

    @Test
    void a_token_older_than_its_time_to_live_is_refused() {
        HttpResponse<String> r = call(Version.SOAP11, WsSecurityHeader.digest(TestOffices.JP_USER,
                TestOffices.jpDigestKey(), Instant.now().minus(Duration.ofMinutes(10))), "GetFamily", FAMILY);
        Document doc = SoapFaults.assertFault(r, Version.SOAP11, faultCode11(r), "AuthenticationFault",
                "AUTHENTICATION_FAILED");
        assertThat(xpath(doc, "//m:AuthenticationFault/m:message")).contains("300 s");
        assertThat(xpath(doc, "//m:AuthenticationFault/m:requestId")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void without_credentials_only_the_public_operations_and_the_contract_answer(Version v) throws Exception {
        HttpResponse<String> refused = call(v, "", "GetFamily", FAMILY);
        Document doc = SoapFaults.assertFault(refused, v, v == Version.SOAP11 ? "FailedAuthentication" : "Sender",
                "AuthenticationFault", "AUTHENTICATION_REQUIRED");
        assertThat(xpath(doc, "//m:AuthenticationFault/m:reason")).isEqualTo("missing");
        // the demo header means nothing here
        HttpResponse<String> named = call(v, "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">EP</m:CallingOffice>",
                "GetDocumentList", EP_DOCUMENTS);
        SoapFaults.assertFault(named, v, v == Version.SOAP11 ? "FailedAuthentication" : "Sender",
                "AuthenticationFault", "AUTHENTICATION_REQUIRED");

        assertThat(call(v, "", "GetServiceInfo", INFO).statusCode()).isEqualTo(200);
        assertThat(get(server.wsdlUrl()).statusCode()).isEqualTo(200);
        assertThat(get(server.wsdlUrl()).body()).contains("AuthenticationFault", "AccessDeniedFault");
    }

    @Test
    void http_get_never_bypasses_authentication() throws Exception {
        for (String path : new String[] {"", "/GetFamily?office=EP&number=10167109&numberType=application",
                "/GetDocumentList?office=EP&applicationNumber=10167109", "?office=EP"}) {
            HttpResponse<String> r = get(server.soap11Url() + path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isNotEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("GetFamilyResponse", "GetDocumentListResponse", "10167109");
        }
    }

    @Test
    void a_registered_client_certificate_names_its_office_and_an_unknown_one_names_none() throws Exception {
        HttpResponse<String> ep = RawSoap.post(client(TestOffices.epClient()), server.soap11Url(), Version.SOAP11,
                "GetDocumentList", RawSoap.envelope(Version.SOAP11, EP_DOCUMENTS).getBytes(StandardCharsets.UTF_8));
        assertThat(ep.statusCode()).as(ep.body()).isEqualTo(200);
        assertThat(RawSoap.nodes(RawSoap.parse(ep.body()), "//m:GetDocumentListResponse/m:document").getLength())
                .isEqualTo(2); // its own dossier: everything

        HttpResponse<String> stranger = RawSoap.post(client(TestOffices.strangerClient()), server.soap11Url(),
                Version.SOAP11, "GetDocumentList", RawSoap.envelope(Version.SOAP11, EP_DOCUMENTS)
                        .getBytes(StandardCharsets.UTF_8));
        SoapFaults.assertFault(stranger, Version.SOAP11, "FailedAuthentication", "AuthenticationFault",
                "AUTHENTICATION_REQUIRED");
    }

    @Test
    void plain_http_is_not_served() {
        String plain = server.soap11Url().replace("https://", "http://");
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(RawSoap.envelope(Version.SOAP11, INFO)))
                    .header("Content-Type", "text/xml").build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return; // the TLS connector does not speak plain HTTP
        }
        assertThat(r.statusCode()).isNotEqualTo(200);
        assertThat(r.body()).doesNotContain("GetServiceInfoResponse");
    }

    @Test
    void cxf_with_its_own_ws_security_client_gets_answers_and_typed_access_refusals() throws Exception {
        DossierPortType port = new org.dossierlink.wire.DossierService(
                AuthenticationIT.class.getResource("/wsdl/dossierlink.wsdl"), DossierServer.SERVICE)
                .getPort(new QName(DossierServer.NAMESPACE, "DossierSoap11Port"), DossierPortType.class);
        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, server.soap11Url());
        Client client = ClientProxy.getClient(port);
        client.getEndpoint().getEndpointInfo().setAddress(server.soap11Url());
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        TLSClientParameters tls = new TLSClientParameters();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestOffices.trustStore(TestOffices.serverTls()));
        tls.setTrustManagers(tmf.getTrustManagers());
        conduit.setTlsClientParameters(tls);
        Map<String, Object> out = new HashMap<>();
        out.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP);
        out.put(ConfigurationConstants.USER, TestOffices.JP_USER);
        out.put(ConfigurationConstants.PASSWORD_TYPE, "PasswordDigest");
        out.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (Callback c : callbacks) {
                ((WSPasswordCallback) c).setPassword(TestOffices.jpDigestKey());
            }
        });
        client.getOutInterceptors().add(new WSS4JOutInterceptor(out));

        GetFamily request = new GetFamily();
        request.setOffice("EP");
        request.setNumber("10167109");
        GetFamilyResponse family = port.getFamily(request);
        assertThat(family.getMember()).anySatisfy(m -> {
            assertThat(m.getApplication().getOffice()).isEqualTo("US");
            assertThat(m.isDossierAvailable()).isFalse();
            assertThat(m.getUnavailableReason().value()).isEqualTo("no-agreement");
        });

        ApplicationKeyRequestType us = new ApplicationKeyRequestType();
        us.setOffice("US");
        us.setApplicationNumber("13/167,395");
        assertThatThrownBy(() -> port.getDocumentList(us)).isInstanceOfSatisfying(AccessDeniedFault.class, f -> {
            assertThat(f.getFaultInfo().getCode()).isEqualTo("ACCESS_DENIED");
            assertThat(f.getFaultInfo().getReason()).isEqualTo("no-agreement");
            assertThat(f.getFaultInfo().getRequestId()).isNotBlank();
        });
    }

    @Test
    void python_zeep_authenticates_with_a_username_token_over_tls(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("zeep_secured_client.py");
        try (InputStream in = AuthenticationIT.class.getResourceAsStream("/interop/zeep_secured_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path ca = dir.resolve("node.pem");
        Files.writeString(ca, Certificates.pem(TestOffices.serverTls().certificate()));
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), server.wsdlUrl(), ca.toString(),
                TestOffices.JP_USER, TestOffices.jpDigestKey(), TestOffices.JP_PASSWORD).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("zeep client did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("python zeep is required: .ci/run installs python3-zeep\n" + out).isZero();
        assertThat(ZeepInteropIT.facts(out)).as(out)
                .containsEntry("public.product", "dossierlink")
                .containsEntry("anonymous.family", "AUTHENTICATION_REQUIRED")
                .containsEntry("digest.member.EP", "True")
                .containsEntry("digest.member.JP", "True")
                .containsEntry("digest.member.US", "False/no-agreement")
                .containsEntry("digest.us", "ACCESS_DENIED/no-agreement")
                .containsEntry("text.documents", TestDossiers.XML_DOC_ID)
                .containsEntry("wrong.family", "AUTHENTICATION_FAILED");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
