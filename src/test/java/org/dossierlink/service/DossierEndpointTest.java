package org.dossierlink.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;

import org.dossierlink.access.Caller;
import org.dossierlink.signature.Certificates;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.ApplicationKeyRequestType;
import org.dossierlink.wire.messages.GetDocument;
import org.dossierlink.wire.messages.GetDocumentResponse;
import org.dossierlink.wire.messages.GetFamily;
import org.dossierlink.wire.messages.GetServiceInfo;
import org.dossierlink.wire.messages.GetSigningCertificates;
import org.dossierlink.wire.messages.GetSigningCertificatesResponse;
import org.dossierlink.wire.messages.SigningCertificateType;
import org.dossierlink.wire.messages.NormalizeNumber;
import org.dossierlink.wire.messages.NumberTypeType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The endpoint without a server: validation, fault mapping and document content. */
class DossierEndpointTest {

    private final DossierEndpoint endpoint = new DossierEndpoint(TestDossiers.service(), TestKeys.keys(), () -> Caller.DEMO);

    @Test
    void missing_and_blank_fields_are_invalid_requests_naming_the_field() {
        GetFamily noOffice = new GetFamily();
        noOffice.setNumber("10167109");
        assertInvalid(catchThrowableOfType(InvalidRequestFault.class, () -> endpoint.getFamily(noOffice)), "office");

        GetFamily blankNumber = new GetFamily();
        blankNumber.setOffice("EP");
        blankNumber.setNumber("   ");
        assertInvalid(catchThrowableOfType(InvalidRequestFault.class, () -> endpoint.getFamily(blankNumber)), "number");

        assertInvalid(catchThrowableOfType(InvalidRequestFault.class,
                () -> endpoint.getDocumentList(key("EP", null))), "applicationNumber");
        assertInvalid(catchThrowableOfType(InvalidRequestFault.class,
                () -> endpoint.getDocument(document(""))), "documentId");
        assertInvalid(catchThrowableOfType(InvalidRequestFault.class,
                () -> endpoint.normalizeNumber(new NormalizeNumber())), "office");
    }

    @Test
    void signing_certificates_publish_each_key_with_its_status_validity_and_der() throws Exception {
        GetSigningCertificatesResponse r = endpoint.getSigningCertificates(new GetSigningCertificates());
        assertThat(r.getNode()).startsWith("dossierlink ");
        assertThat(r.getCertificate()).extracting(SigningCertificateType::getKeyName, SigningCertificateType::getStatus,
                SigningCertificateType::getAlgorithm).containsExactlyInAnyOrder(
                tuple("test-rsa", "current", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
                tuple("test-ec", "previous", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"));
        SigningCertificateType rsa = r.getCertificate().stream().filter(c -> c.getKeyName().equals("test-rsa")).findFirst()
                .orElseThrow();
        assertThat(Certificates.fromDer(rsa.getX509Certificate())).isEqualTo(TestKeys.rsa().certificate());
        assertThat(rsa.getSha256Fingerprint()).isEqualTo(TestKeys.rsa().fingerprint());
        assertThat(rsa.getNotAfter().toGregorianCalendar().toInstant()).isEqualTo(TestKeys.rsa().notAfter());
        assertThat(rsa.getSubject()).isEqualTo("CN=dossierlink test node,O=dossierlink tests");
    }

    @Test
    void an_absent_request_object_is_an_invalid_request() {
        InvalidRequestFault f = catchThrowableOfType(InvalidRequestFault.class, () -> endpoint.getBibliographicData(null));
        assertThat(f.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(f.getFaultInfo().getField()).isNull();
    }

    @Test
    void domain_failures_become_typed_faults() {
        NormalizeNumber unknown = new NormalizeNumber();
        unknown.setOffice("ZZ");
        unknown.setNumber("1");
        UnknownOfficeFault u = catchThrowableOfType(UnknownOfficeFault.class, () -> endpoint.normalizeNumber(unknown));
        assertThat(u.getFaultInfo().getCode()).isEqualTo("UNKNOWN_OFFICE");

        MalformedNumberFault m = catchThrowableOfType(MalformedNumberFault.class,
                () -> endpoint.getBibliographicData(biblio("EP", "??")));
        assertThat(m.getFaultInfo().getField()).isEqualTo("applicationNumber");

        NotFoundFault n = catchThrowableOfType(NotFoundFault.class, () -> endpoint.getDocumentList(key("JP", "2015-999999")));
        assertThat(n.getFaultInfo().getCode()).isEqualTo("NOT_FOUND");
        assertThat(n.getMessage()).contains("JP.2015999999.A").contains("2015-999999");

        GetFamily family = new GetFamily();
        family.setOffice("US");
        family.setNumber("99/999,999");
        assertThat(catchThrowableOfType(NotFoundFault.class, () -> endpoint.getFamily(family)).getFaultInfo().getCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void xml_document_is_inline_dom() throws Exception {
        GetDocumentResponse r = endpoint.getDocument(document(TestDossiers.XML_DOC_ID));
        assertThat(r.getBinaryContent()).isNull();
        assertThat(r.getDocument().getSha256()).isEqualTo(TestDossiers.SEARCH_REPORT.sha256());
        Element root = (Element) r.getXmlContent().getAny();
        assertThat(root.getLocalName()).isEqualTo("search-report");
        assertThat(root.getAttribute("lang")).isEqualTo("en");
    }

    @Test
    void binary_document_is_a_data_handler_with_its_media_type() throws Exception {
        GetDocumentResponse r = endpoint.getDocument(document(TestDossiers.PDF_DOC_ID));
        assertThat(r.getXmlContent()).isNull();
        assertThat(r.getBinaryContent().getContentType()).isEqualTo("application/pdf");
        try (InputStream in = r.getBinaryContent().getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(TestDossiers.OFFICE_ACTION_PDF);
        }
    }

    @Test
    void normalize_number_defaults_to_application_numbers() throws Exception {
        NormalizeNumber request = new NormalizeNumber();
        request.setOffice(" ep ");
        request.setNumber("EP 10167109");
        var n = endpoint.normalizeNumber(request).getNormalized();
        assertThat(n.getNumberType()).isEqualTo(NumberTypeType.APPLICATION);
        assertThat(n.getDocdb()).isEqualTo("EP.10167109.A");
    }

    @Test
    void service_info_lists_the_configured_offices() {
        assertThat(endpoint.getServiceInfo(new GetServiceInfo()).getOffice()).containsExactlyElementsOf(TestDossiers.OFFICES);
    }

    private static void assertInvalid(InvalidRequestFault f, String field) {
        assertThat(f).isNotNull();
        assertThat(f.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(f.getFaultInfo().getField()).isEqualTo(field);
        assertThat(f.getMessage()).contains(field);
    }

    private static org.dossierlink.wire.messages.GetBibliographicData biblio(String office, String number) {
        org.dossierlink.wire.messages.GetBibliographicData b = new org.dossierlink.wire.messages.GetBibliographicData();
        b.setOffice(office);
        b.setApplicationNumber(number);
        return b;
    }

    private static ApplicationKeyRequestType key(String office, String number) {
        ApplicationKeyRequestType k = new ApplicationKeyRequestType();
        k.setOffice(office);
        k.setApplicationNumber(number);
        return k;
    }

    private static GetDocument document(String id) {
        GetDocument d = new GetDocument();
        d.setOffice("EP");
        d.setApplicationNumber("10167109");
        d.setDocumentId(id);
        return d;
    }
}
