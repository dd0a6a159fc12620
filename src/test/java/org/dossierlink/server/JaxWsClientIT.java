package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;

import javax.xml.namespace.QName;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.DossierService;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.ApplicationKeyRequestType;
import org.dossierlink.wire.messages.FamilyMemberType;
import org.dossierlink.wire.messages.FamilyTypeType;
import org.dossierlink.wire.messages.DialectType;
import org.dossierlink.wire.messages.GetBibliographicData;
import org.dossierlink.wire.messages.GetBibliographicDataResponse;
import org.dossierlink.wire.messages.GetDocument;
import org.dossierlink.wire.messages.GetDocumentListResponse;
import org.dossierlink.wire.messages.GetDocumentResponse;
import org.dossierlink.wire.messages.GetFamily;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.GetServiceInfo;
import org.dossierlink.wire.messages.GetServiceInfoResponse;
import org.dossierlink.wire.messages.NormalizeNumber;
import org.dossierlink.wire.messages.NormalizedNumberType;
import org.dossierlink.wire.messages.NumberTypeType;
import org.dossierlink.wire.messages.ValidateDossier;
import org.dossierlink.wire.messages.ValidateDossierResponse;
import org.dossierlink.wire.messages.ValidationModeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * A CXF JAX-WS client generated from the WSDL, built from the server's own ?wsdl, calls every
 * operation on the SOAP 1.1 port and on the SOAP 1.2 port, and gets every typed fault.
 */
class JaxWsClientIT {

    private static DossierServer server;
    private static final Map<String, DossierPortType> PORTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static DossierPortType port(String portName) {
        return PORTS.computeIfAbsent(portName, name -> {
            try {
                DossierService service = new DossierService(new URL(server.wsdlUrl()), DossierServer.SERVICE);
                DossierPortType port = service.getPort(new QName(DossierServer.NAMESPACE, name), DossierPortType.class);
                ((SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
                return port;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String expectedAddress(String portName) {
        return portName.equals("DossierSoap11Port") ? server.soap11Url() : server.soap12Url();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void the_served_wsdl_points_each_port_at_this_server(String portName) {
        BindingProvider bp = (BindingProvider) port(portName);
        assertThat(bp.getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY))
                .isEqualTo(expectedAddress(portName));
        assertThat(((SOAPBinding) bp.getBinding()).getBindingID()).startsWith(portName.equals("DossierSoap11Port")
                ? "http://schemas.xmlsoap.org/wsdl/soap/http" : "http://www.w3.org/2003/05/soap/bindings/HTTP/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void get_service_info(String portName) throws Exception {
        GetServiceInfoResponse info = port(portName).getServiceInfo(new GetServiceInfo());
        assertThat(info.getProduct()).isEqualTo("dossierlink");
        assertThat(info.getVersion()).isNotBlank();
        assertThat(info.getOffice()).containsExactlyElementsOf(TestDossiers.OFFICES);
        assertThat(info.getOperation()).containsExactly("GetFamily", "GetDocumentList", "GetDocument",
                "GetBibliographicData", "NormalizeNumber", "ValidateDossier", "GetServiceInfo", "GetSigningCertificates",
                "SubmitPackage", "GetPackageReceipt", "ExportChanges");
        assertThat(info.getDialect()).contains("canonical", "docdb", "st96", "uspto", "jpo", "cnipa-new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void normalize_number(String portName) throws Exception {
        NormalizeNumber request = new NormalizeNumber();
        request.setOffice("JP");
        request.setNumber("JP 2010-123456");
        NormalizedNumberType n = port(portName).normalizeNumber(request).getNormalized();
        assertThat(n.getDocdb()).isEqualTo("JP.2010123456.A");
        assertThat(n.getSt13()).isEqualTo("JP102010123456");
        assertThat(n.getCountry()).isEqualTo("JP");
        assertThat(n.getNumberType()).isEqualTo(NumberTypeType.APPLICATION);
        assertThat(n.getOriginal()).isEqualTo("JP 2010-123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void simple_and_extended_family(String portName) throws Exception {
        GetFamily request = new GetFamily();
        request.setOffice("EP");
        request.setNumber("10167109");
        GetFamilyResponse simple = port(portName).getFamily(request);
        assertThat(simple.getFamilyType()).isEqualTo(FamilyTypeType.SIMPLE);
        assertThat(simple.getMember()).extracting(m -> m.getApplication().getDocdb())
                .containsExactly("EP.10167109.A", "JP.2010123456.A", "US.13167395.A");
        assertThat(simple.getMemberCount()).hasToString("3");
        assertThat(simple.getMember()).filteredOn(FamilyMemberType::isQueried)
                .extracting(m -> m.getApplication().getDocdb()).containsExactly("EP.10167109.A");
        assertThat(simple.getMember().get(1).getLinkedBy()).containsExactly("JP.2010123456");
        assertThat(simple.getMember().get(2).getLinkedBy()).containsExactly("JP.2010123456");

        request.setFamilyType(FamilyTypeType.EXTENDED);
        GetFamilyResponse extended = port(portName).getFamily(request);
        assertThat(extended.getMember()).extracting(m -> m.getApplication().getDocdb())
                .containsExactly("EP.10167109.A", "CN.201110123456.A", "JP.2010123456.A", "US.13167395.A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void family_from_a_publication_number(String portName) throws Exception {
        GetFamily request = new GetFamily();
        request.setOffice("EP");
        request.setNumber("EP 2400812 A1");
        request.setNumberType(NumberTypeType.PUBLICATION);
        GetFamilyResponse family = port(portName).getFamily(request);
        assertThat(family.getQuery().getNumberType()).isEqualTo(NumberTypeType.PUBLICATION);
        assertThat(family.getMember()).filteredOn(FamilyMemberType::isQueried)
                .extracting(m -> m.getApplication().getDocdb()).containsExactly("EP.10167109.A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void document_list(String portName) throws Exception {
        GetDocumentListResponse list = port(portName).getDocumentList(key("EP", "EP 10167109"));
        assertThat(list.getApplication().getDocdb()).isEqualTo("EP.10167109.A");
        assertThat(list.getDocument()).extracting(d -> d.getId())
                .containsExactly(TestDossiers.XML_DOC_ID, TestDossiers.PDF_DOC_ID);
        assertThat(list.getDocument().get(1).getMediaType()).isEqualTo("application/pdf");
        assertThat(list.getDocument().get(1).getSha256()).isEqualTo(TestDossiers.OFFICE_ACTION.sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void xml_document_comes_inline(String portName) throws Exception {
        GetDocumentResponse r = port(portName).getDocument(document(TestDossiers.XML_DOC_ID));
        assertThat(r.getBinaryContent()).isNull();
        Element root = (Element) r.getXmlContent().getAny();
        assertThat(root.getNamespaceURI()).isEqualTo("urn:example:search-report");
        assertThat(root.getLocalName()).isEqualTo("search-report");
        assertThat(root.getElementsByTagNameNS("urn:example:search-report", "citation").getLength()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void pdf_document_comes_as_mtom_attachment_with_the_listed_checksum(String portName) throws Exception {
        GetDocumentResponse r = port(portName).getDocument(document(TestDossiers.PDF_DOC_ID));
        assertThat(r.getXmlContent()).isNull();
        byte[] bytes;
        try (InputStream in = r.getBinaryContent().getInputStream()) {
            bytes = in.readAllBytes();
        }
        assertThat(bytes).hasSize((int) r.getDocument().getSize());
        assertThat(ContentDigest.sha256(bytes)).isEqualTo(r.getDocument().getSha256())
                .isEqualTo(TestDossiers.OFFICE_ACTION.sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void bibliographic_data(String portName) throws Exception {
        GetBibliographicDataResponse r = port(portName).getBibliographicData(biblio("EP", "10167109", null));
        assertThat(r.getDossier().getApplication().getDocdb()).isEqualTo("EP.10167109.A");
        assertThat(r.getDossier().getPublications().getPublication()).extracting(p -> p.getDocdb())
                .containsExactly("EP.2400812.A1");
        assertThat(r.getDossier().getPriorityClaims().getPriorityClaim()).extracting(c -> c.getDocdb())
                .containsExactly("JP.2010123456");
        assertThat(r.getDossier().getTitle()).extracting(t -> t.getLang()).containsExactly("en", "de");
        assertThat(r.getDossier().getDocuments().getDocument()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void unknown_office_fault(String portName) {
        NormalizeNumber request = new NormalizeNumber();
        request.setOffice("ZZ");
        request.setNumber("123");
        UnknownOfficeFault f = catchThrowableOfType(UnknownOfficeFault.class, () -> port(portName).normalizeNumber(request));
        assertThat(f.getFaultInfo().getCode()).isEqualTo("UNKNOWN_OFFICE");
        assertThat(f.getFaultInfo().getField()).isEqualTo("office");
        assertThat(f.getMessage()).contains("ZZ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void malformed_number_fault_names_the_request_field(String portName) {
        MalformedNumberFault f = catchThrowableOfType(MalformedNumberFault.class,
                () -> port(portName).getDocumentList(key("EP", "no digits here")));
        assertThat(f.getFaultInfo().getCode()).isEqualTo("MALFORMED_NUMBER");
        assertThat(f.getFaultInfo().getField()).isEqualTo("applicationNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void not_found_faults(String portName) {
        NotFoundFault app = catchThrowableOfType(NotFoundFault.class,
                () -> port(portName).getBibliographicData(biblio("US", "99999999", null)));
        assertThat(app.getFaultInfo().getCode()).isEqualTo("NOT_FOUND");
        assertThat(app.getFaultInfo().getField()).isEqualTo("applicationNumber");

        NotFoundFault doc = catchThrowableOfType(NotFoundFault.class, () -> port(portName).getDocument(document("nope")));
        assertThat(doc.getFaultInfo().getCode()).isEqualTo("NOT_FOUND");
        assertThat(doc.getFaultInfo().getField()).isEqualTo("documentId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void invalid_request_faults_for_blank_and_missing_fields(String portName) {
        InvalidRequestFault blank = catchThrowableOfType(InvalidRequestFault.class,
                () -> port(portName).getDocumentList(key("  ", "10167109")));
        assertThat(blank.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(blank.getFaultInfo().getField()).isEqualTo("office");

        // absent element: refused by schema validation, rewritten into the same typed fault
        GetFamily noNumber = new GetFamily();
        noNumber.setOffice("EP");
        InvalidRequestFault missing = catchThrowableOfType(InvalidRequestFault.class,
                () -> port(portName).getFamily(noNumber));
        assertThat(missing.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(missing.getFaultInfo().getField()).isEqualTo("number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void bibliographic_data_in_a_dialect(String portName) throws Exception {
        GetBibliographicDataResponse st96 = port(portName).getBibliographicData(biblio("EP", "10167109", DialectType.ST_96));
        assertThat(st96.getDossier()).isNull();
        assertThat(st96.getDialectContent().getDialect()).isEqualTo(DialectType.ST_96);
        Element root = (Element) st96.getDialectContent().getAny();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.wipo.int/standards/XMLSchema/ST96/Patent");
        assertThat(root.getLocalName()).isEqualTo("PatentPublication");
        assertThat(root.getTextContent()).contains("10167109", "2010-123456");

        GetBibliographicDataResponse canonical = port(portName).getBibliographicData(
                biblio("EP", "10167109", DialectType.CANONICAL));
        assertThat(canonical.getDossier().getApplication().getDocdb()).isEqualTo("EP.10167109.A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void family_members_in_a_dialect(String portName) throws Exception {
        GetFamily request = new GetFamily();
        request.setOffice("JP");
        request.setNumber("2010-123456");
        request.setNumberType(NumberTypeType.PRIORITY);
        request.setDialect(DialectType.DOCDB);
        GetFamilyResponse family = port(portName).getFamily(request);
        assertThat(family.getMember()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getBibliographicData().getDialect()).isEqualTo(DialectType.DOCDB);
            Element root = (Element) m.getBibliographicData().getAny();
            assertThat(root.getLocalName()).isIn("world-patent-data", "exchange-documents");
            m.getPublication().forEach(p -> assertThat(root.getTextContent()).contains(p.getNumber()));
        });
        request.setDialect(null);
        assertThat(port(portName).getFamily(request).getMember()).allSatisfy(m -> assertThat(m.getBibliographicData()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void documents_that_cannot_convert_are_refused_naming_the_dialect_field(String portName) {
        GetDocument pdf = document(TestDossiers.PDF_DOC_ID);
        pdf.setDialect(DialectType.ST_96);
        InvalidRequestFault binary = catchThrowableOfType(InvalidRequestFault.class, () -> port(portName).getDocument(pdf));
        assertThat(binary.getFaultInfo().getField()).isEqualTo("dialect");
        assertThat(binary.getFaultInfo().getMessage()).contains("application/pdf");

        GetDocument report = document(TestDossiers.XML_DOC_ID);
        report.setDialect(DialectType.ST_96);
        InvalidRequestFault unknown = catchThrowableOfType(InvalidRequestFault.class, () -> port(portName).getDocument(report));
        assertThat(unknown.getFaultInfo().getField()).isEqualTo("dialect");
        assertThat(unknown.getFaultInfo().getMessage()).contains("unknown dossier dialect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void validate_dossier_reports_every_error_with_its_place(String portName) throws Exception {
        ValidateDossier ok = new ValidateDossier();
        ok.setDocument(java.nio.file.Files.readAllBytes(org.dossierlink.Corpus.file("st96/examples/PatentPublication_Example.xml")));
        ok.setFileName("PatentPublication_Example.xml");
        ValidateDossierResponse valid = port(portName).validateDossier(ok);
        assertThat(valid.isValid()).isTrue();
        assertThat(valid.getDialect()).isEqualTo(DialectType.ST_96);
        assertThat(valid.getMode()).isEqualTo(ValidationModeType.STRICT);
        assertThat(valid.getErrorCount().intValue()).isZero();

        String two = "<?xml version=\"1.0\"?>\n<dos:dossier xmlns:dos=\"urn:dossierlink:dossier:1\">\n"
                + "<dos:application><dos:office>europe</dos:office><dos:number>1</dos:number>\n"
                + "<dos:docdb>EP.1</dos:docdb><dos:filingDate>20100623</dos:filingDate></dos:application>\n</dos:dossier>";
        ValidateDossier bad = new ValidateDossier();
        bad.setDocument(two.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ValidateDossierResponse invalid = port(portName).validateDossier(bad);
        assertThat(invalid.isValid()).isFalse();
        assertThat(invalid.getErrorCount().intValue()).isGreaterThanOrEqualTo(2);
        assertThat(invalid.getIssue()).extracting(i -> i.getLine()).contains(3, 4);
        assertThat(invalid.getIssue()).extracting(i -> i.getXpath())
                .anyMatch(x -> x.endsWith("application[1]/office[1]") || x.endsWith("dos:office[1]"))
                .anyMatch(x -> x.contains("filingDate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void validate_dossier_tolerates_known_drift_only_when_asked(String portName) throws Exception {
        ValidateDossier request = new ValidateDossier();
        request.setDocument(java.nio.file.Files.readAllBytes(
                org.dossierlink.Corpus.file("epo-ops/responses/biblio_WO2018148832A1.xml")));
        request.setDialect(DialectType.DOCDB);
        ValidateDossierResponse strict = port(portName).validateDossier(request);
        assertThat(strict.isValid()).isFalse();
        request.setMode(ValidationModeType.TOLERANT);
        ValidateDossierResponse tolerant = port(portName).validateDossier(request);
        assertThat(tolerant.isValid()).isTrue();
        assertThat(tolerant.getWarningCount().intValue()).isPositive();
        assertThat(tolerant.getIssue()).allSatisfy(i -> {
            assertThat(i.getSeverity()).isEqualTo("warning");
        }).anySatisfy(i -> assertThat(i.getRule()).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DossierSoap11Port", "DossierSoap12Port"})
    void validate_dossier_refuses_what_is_not_xml(String portName) {
        ValidateDossier request = new ValidateDossier();
        request.setDocument("%PDF-1.4 not xml".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InvalidRequestFault f = catchThrowableOfType(InvalidRequestFault.class, () -> port(portName).validateDossier(request));
        assertThat(f.getFaultInfo().getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(f.getFaultInfo().getMessage()).contains("not well-formed");
    }

    private static GetBibliographicData biblio(String office, String number, DialectType dialect) {
        GetBibliographicData b = new GetBibliographicData();
        b.setOffice(office);
        b.setApplicationNumber(number);
        b.setDialect(dialect);
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
