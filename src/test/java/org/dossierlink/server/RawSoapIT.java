package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.call;
import static org.dossierlink.testsupport.RawSoap.nodes;
import static org.dossierlink.testsupport.RawSoap.parse;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.http.HttpResponse;

import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDossiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/** Hand-written SOAP 1.1 and 1.2 envelopes over java.net.http, answers checked by XPath and XMLUnit. */
class RawSoapIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    private static DossierServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Document ok(HttpResponse<String> r, Version v) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith(v == Version.SOAP11 ? "text/xml" : "application/soap+xml");
        return parse(r.body());
    }

    @Test
    void soap11_service_info() {
        Document doc = ok(call(server.soap11Url(), Version.SOAP11, "GetServiceInfo", "<m:GetServiceInfo " + M + "/>"),
                Version.SOAP11);
        String r = "/s11:Envelope/s11:Body/m:GetServiceInfoResponse";
        assertThat(xpath(doc, r + "/m:product")).isEqualTo("dossierlink");
        assertThat(xpath(doc, "count(" + r + "/m:operation)")).isEqualTo("11");
        assertThat(xpath(doc, "count(" + r + "/m:office)")).isEqualTo(String.valueOf(TestDossiers.OFFICES.size()));
        assertThat(xpath(doc, r + "/m:dialect[1]")).isEqualTo("canonical");
    }

    @Test
    void soap12_extended_family() {
        Document doc = ok(call(server.soap12Url(), Version.SOAP12, "GetFamily", "<m:GetFamily " + M
                + "><m:office>EP</m:office><m:number>EP.10167109.A</m:number><m:familyType>extended</m:familyType>"
                + "</m:GetFamily>"), Version.SOAP12);
        String r = "/s12:Envelope/s12:Body/m:GetFamilyResponse";
        // EP and US claim JP 2010-123456, the first filing (a member too); CN joins through it
        assertThat(xpath(doc, r + "/@memberCount")).isEqualTo("4");
        assertThat(xpath(doc, r + "/m:familyType")).isEqualTo("extended");
        assertThat(xpath(doc, r + "/m:member[@queried='true']/m:application/d:docdb")).isEqualTo("EP.10167109.A");
        // CN joined through the JP priority; its US provisional priority links it to no other member
        assertThat(xpath(doc, "count(" + r + "/m:member[m:application/d:office='CN']/m:linkedBy)")).isEqualTo("1");
        assertThat(xpath(doc, r + "/m:member[m:application/d:office='CN']/m:linkedBy")).isEqualTo("JP.2010123456");
        assertThat(xpath(doc, r + "/m:member[m:application/d:office='CN']/m:priorityClaim[2]/d:docdb")).isEqualTo("US.61234567");
    }

    @Test
    void soap11_normalize_number_matches_expected_xml() {
        Document doc = ok(call(server.soap11Url(), Version.SOAP11, "NormalizeNumber", "<m:NormalizeNumber " + M
                + "><m:office>US</m:office><m:number>13/167,395</m:number></m:NormalizeNumber>"), Version.SOAP11);
        String expected = "<NormalizeNumberResponse xmlns=\"urn:dossierlink:messages:1\"><normalized>"
                + "<country>US</country><number>13167395</number><kind>A</kind><numberType>application</numberType>"
                + "<docdb>US.13167395.A</docdb><original>13/167,395</original>"
                + "</normalized></NormalizeNumberResponse>";
        // the answer is signed; its content, less the signature and the Id it references, is as expected
        Diff diff = DiffBuilder.compare(expected)
                .withTest(nodes(doc, "/s11:Envelope/s11:Body/m:NormalizeNumberResponse").item(0))
                .withNodeFilter(n -> !"http://www.w3.org/2000/09/xmldsig#".equals(n.getNamespaceURI()))
                .withAttributeFilter(a -> !"Id".equals(a.getName()))
                .ignoreWhitespace().checkForSimilar().build();
        assertThat(diff.hasDifferences()).as(diff.toString()).isFalse();
        assertThat(xpath(doc, "/s11:Envelope/s11:Body/m:NormalizeNumberResponse/ds:Signature/ds:SignedInfo/ds:Reference[1]/@URI"))
                .isEqualTo("#" + xpath(doc, "/s11:Envelope/s11:Body/m:NormalizeNumberResponse/@Id"));
    }

    @Test
    void soap12_document_list_and_inline_xml_document() {
        Document list = ok(call(server.soap12Url(), Version.SOAP12, "GetDocumentList", "<m:GetDocumentList " + M
                + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber></m:GetDocumentList>"),
                Version.SOAP12);
        String r = "/s12:Envelope/s12:Body/m:GetDocumentListResponse";
        assertThat(xpath(list, "count(" + r + "/m:document)")).isEqualTo("2");
        assertThat(xpath(list, r + "/m:document[d:mediaType='application/xml']/d:id")).isEqualTo(TestDossiers.XML_DOC_ID);

        Document doc = ok(call(server.soap12Url(), Version.SOAP12, "GetDocument", "<m:GetDocument " + M
                + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>"
                + "<m:documentId>" + TestDossiers.XML_DOC_ID + "</m:documentId></m:GetDocument>"), Version.SOAP12);
        assertThat(xpath(doc, "count(//m:xmlContent/*[local-name()='search-report']/*[local-name()='citation'])"))
                .isEqualTo("2");
    }

    @Test
    void soap11_pdf_document_is_an_mtom_attachment_and_other_answers_are_plain() {
        HttpResponse<String> r = call(server.soap11Url(), Version.SOAP11, "GetDocument", "<m:GetDocument " + M
                + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>"
                + "<m:documentId>" + TestDossiers.PDF_DOC_ID + "</m:documentId></m:GetDocument>");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("multipart/related").contains("application/xop+xml");
        assertThat(r.body()).contains("<xop:Include").contains("Content-Type: application/pdf");

        HttpResponse<String> xml = call(server.soap11Url(), Version.SOAP11, "GetDocument", "<m:GetDocument " + M
                + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>"
                + "<m:documentId>" + TestDossiers.XML_DOC_ID + "</m:documentId></m:GetDocument>");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(xml.body()).startsWith("<soap:Envelope").doesNotContain("xop:Include");
    }

    @Test
    void soap12_bibliographic_data() {
        Document doc = ok(call(server.soap12Url(), Version.SOAP12, "GetBibliographicData", "<m:GetBibliographicData "
                + M + "><m:office>EP</m:office><m:applicationNumber>EP 10167109</m:applicationNumber>"
                + "</m:GetBibliographicData>"), Version.SOAP12);
        String d = "/s12:Envelope/s12:Body/m:GetBibliographicDataResponse/d:dossier";
        assertThat(xpath(doc, d + "/d:application/d:filingDate")).isEqualTo("2011-06-01");
        assertThat(xpath(doc, d + "/d:priorityClaims/d:priorityClaim/@sequence")).isEqualTo("1");
        assertThat(xpath(doc, d + "/d:classification[@scheme='IPC']")).isEqualTo("H04W 84/18");
        assertThat(xpath(doc, d + "/d:title[@lang='de']")).isEqualTo("Drahtloses Maschenrelais");
    }

    @Test
    void typed_faults_in_each_version() {
        SoapFaults.assertFault(call(server.soap11Url(), Version.SOAP11, "GetFamily", "<m:GetFamily " + M
                + "><m:office>ZZ</m:office><m:number>1</m:number></m:GetFamily>"),
                Version.SOAP11, "Client", "UnknownOfficeFault", "UNKNOWN_OFFICE");
        Document nf = SoapFaults.assertFault(call(server.soap12Url(), Version.SOAP12, "GetDocument", "<m:GetDocument "
                + M + "><m:office>EP</m:office><m:applicationNumber>10167109</m:applicationNumber>"
                + "<m:documentId>missing</m:documentId></m:GetDocument>"),
                Version.SOAP12, "Sender", "NotFoundFault", "NOT_FOUND");
        assertThat(xpath(nf, "//m:NotFoundFault/m:field")).isEqualTo("documentId");
        SoapFaults.assertFault(call(server.soap12Url(), Version.SOAP12, "NormalizeNumber", "<m:NormalizeNumber " + M
                + "><m:office>JP</m:office><m:number>#?!</m:number></m:NormalizeNumber>"),
                Version.SOAP12, "Sender", "MalformedNumberFault", "MALFORMED_NUMBER");
        SoapFaults.assertFault(call(server.soap11Url(), Version.SOAP11, "GetDocumentList", "<m:GetDocumentList " + M
                + "><m:office></m:office><m:applicationNumber>10167109</m:applicationNumber></m:GetDocumentList>"),
                Version.SOAP11, "Client", "InvalidRequestFault", "INVALID_REQUEST");
    }
}
