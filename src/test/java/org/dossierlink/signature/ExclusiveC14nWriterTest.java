package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;

import org.apache.xml.security.c14n.Canonicalizer;
import org.dossierlink.Corpus;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.testsupport.XmlSec1Check;
import org.dossierlink.wire.dossier.ApplicationReferenceType;
import org.dossierlink.wire.messages.FamilyMemberType;
import org.dossierlink.wire.messages.FamilyTypeType;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.NormalizedNumberType;
import org.dossierlink.xml.SecureXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * {@link ExclusiveC14nWriter} writes, byte for byte, what Santuario's exclusive canonicalizer makes of the same
 * element in a DOM (with the Id attribute the signer adds); the signature {@link PayloadSigner#sign(ExclusiveC14nWriter)}
 * makes over it is the one {@link PayloadSigner#sign(Element)} makes, and verifies in dossierlink and xmlsec1.
 */
class ExclusiveC14nWriterTest {

    private static final String ID = "dl-test-id";
    private static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");

    @TempDir
    Path dir;

    @BeforeAll
    static void xmlsec1IsInstalled() {
        if (!Files.isExecutable(XMLSEC1)) {
            fail("xmlsec1 is not installed (" + XMLSEC1 + " is missing): install the Debian package xmlsec1");
        }
    }

    // ------------------------------------------------------------------ the same bytes as Santuario

    @ParameterizedTest
    @ValueSource(strings = {
            "<r xmlns='urn:r'><a>1</a><b/></r>",
            "<p:r xmlns:p='urn:p' xmlns:unused='urn:u' xmlns='urn:d'><p:a>x</p:a><a/><c xmlns=''/></p:r>",
            // a prefix rebound further in, the default namespace undeclared and declared again
            "<p:r xmlns:p='urn:p1'><p:a xmlns:p='urn:p2'><p:b/></p:a><x xmlns='urn:x'><y xmlns=''><z xmlns='urn:x'/></y></x></p:r>",
            // attribute order: namespace declarations, unqualified attributes, then by namespace URI and name
            "<r xmlns:b='urn:b' xmlns:a='urn:a' z='1' b:y='2' a:z='3' a:a='4' m='5'><k a:q='' xml:lang='de'/></r>",
            // escaping in text and attributes, CR, TAB, LF
            "<r a='&amp; &lt; &gt; &quot; &apos; &#x9; &#xA; &#xD;'>&amp; &lt; &gt; \" ' &#x9; &#xA; &#xD;</r>",
            // characters outside ASCII: two, three and four bytes of UTF-8
            "<r t='é中𝄞'>Zürich 東京 Ελλάδα 😀 \u00a0</r>",
            // comments dropped, CDATA as text, whitespace kept
            "<r>\n  <!-- gone --><a><![CDATA[<not a tag> & ]]></a>\n  <b>  </b>\n</r>",
            // a root that already has an Id keeps it
            "<r Id='given' xmlns='urn:r'><a/></r>",
            // xml:lang and xml:space are attributes, never declarations
            "<r xml:lang='en'><a xml:space='preserve'> </a></r>"})
    void writesWhatSantuarioCanonicalizes(String xml) throws Exception {
        Document doc = parse(xml);
        assertSameAsSantuario(doc.getDocumentElement());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epo-ops/responses/biblio_EP2400812A1.xml", "uspto/redbook-samples/US08926509.xml",
            "st96/examples/PatentPublication_Example.xml", "jpo/jp-gazette-st36/jp_example4.xml"})
    void writesOfficeDocumentsAsSantuarioCanonicalizesThem(String file) throws Exception {
        Document doc = SecureXml.documentBuilder().parse(Corpus.file(file).toFile());
        ExclusiveC14nWriter w = assertWrittenOrRefused(doc.getDocumentElement());
        if (!w.complete()) {
            // only what the writer may not write from a stream is refused
            assertThat(w.refusal()).containsAnyOf("xsi:type", "processing instruction", "root element prefix");
        }
    }

    @Test
    void aLargeElementGrowsOverManyChunksAndDigestsThemAll() throws Exception {
        StringBuilder sb = new StringBuilder("<r xmlns='urn:r'>");
        for (int i = 0; i < 20_000; i++) {
            sb.append("<m n='").append(i).append("'>Ünïcödé &amp; 😀 text ").append(i).append("</m>");
        }
        Document doc = parse(sb.append("</r>").toString());
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 1000);
        stream(doc.getDocumentElement(), w);
        doc.getDocumentElement().setAttributeNS(null, PayloadSigner.ID_ATTRIBUTE, ID);
        byte[] expected = santuario(doc.getDocumentElement());
        assertThat(expected.length).isGreaterThan(700_000);
        assertThat(w.complete()).isTrue();
        assertThat(w.size()).isEqualTo(expected.length);
        assertThat(w.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
        // the signature goes before the root's end tag, wherever the chunks end
        byte[] with = w.toByteArrayWith("<SIG/>".getBytes(StandardCharsets.UTF_8));
        String s = new String(with, StandardCharsets.UTF_8);
        assertThat(s).endsWith("</m><SIG/></r>").hasSize(new String(expected, StandardCharsets.UTF_8).length() + 6);
    }

    // ------------------------------------------------------------------ refused: signed through a DOM instead

    @ParameterizedTest
    @ValueSource(strings = {
            "<r xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:p='urn:p'><a xsi:type='p:T'/></r>|xsi:type",
            "<ds:r xmlns:ds='urn:not-dsig'/>|root element prefix ds",
            "<r xmlns:dl='urn:d' dl:a='1'/>|root attribute prefix dl",
            "<r><?pi data?></r>|processing instruction"})
    void refusesWhatAStreamCannotCanonicalize(String caseAndReason) throws Exception {
        String[] c = caseAndReason.split("\\|");
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 256);
        assertThatThrownBy(() -> stream(parse(c[0]).getDocumentElement(), w)).isInstanceOf(XMLStreamException.class);
        assertThat(w.complete()).isFalse();
        assertThat(w.refusal()).contains(c[1]);
        assertThatThrownBy(w::digest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesCharactersXmlCannotHold() throws Exception {
        for (String bad : List.of("a\u0001b", "a\ud800b", "x\uffff")) {
            ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 256);
            w.writeStartElement("", "r", "");
            assertThatThrownBy(() -> w.writeCharacters(bad)).isInstanceOf(XMLStreamException.class);
            assertThat(w.refusal()).containsAnyOf("not allowed", "surrogate");
        }
    }

    @Test
    void anUnfinishedElementIsNotComplete() throws Exception {
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 256);
        w.writeStartElement("", "r", "");
        w.writeCharacters("x");
        assertThat(w.complete()).isFalse();
        assertThat(w.refusal()).isNull();
        assertThatThrownBy(w::digest).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------ JAXB answers, signed

    /**
     * A family answer marshalled by JAXB into the writer and signed gives exactly the bytes of the DOM path
     * (RSA signatures are deterministic: same key, clock and Id), and verifies in dossierlink and xmlsec1.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 24, 600})
    void aSignedFamilyAnswerIsTheDomPathsAnswerByteForByte(int members) throws Exception {
        GetFamilyResponse answer = familyAnswer(members);
        JAXBContext jaxb = JAXBContext.newInstance(GetFamilyResponse.class);
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        PayloadSigner signer = new PayloadSigner(TestKeys.keys(), clock);

        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 1024);
        fragment(jaxb).marshal(answer, w);
        assertThat(w.complete()).as(String.valueOf(w.refusal())).isTrue();
        byte[] streamed = w.toByteArrayWith(signer.sign(w));

        Document doc = SecureXml.newDocument();
        fragment(jaxb).marshal(answer, doc);
        doc.getDocumentElement().setAttributeNS(null, PayloadSigner.ID_ATTRIBUTE, ID);
        byte[] viaDom = signer.sign(doc.getDocumentElement());

        assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(new String(viaDom, StandardCharsets.UTF_8));
        Document received = SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(streamed));
        VerifiedSignature v = SignatureFixtures.verifier().verify(received);
        assertThat(v.signedElement()).isSameAs(received.getDocumentElement());
        assertThat(v.signingTime()).isEqualTo(clock.instant());
        xmlsec1Verifies(streamed, "GetFamilyResponse", TestKeys.rsa());
    }

    @Test
    void anEcdsaSignedAnswerVerifiesInDossierlinkAndXmlsec1() throws Exception {
        SigningKeys keys = new SigningKeys(List.of(TestKeys.ec()), SignatureAlgorithm.ECDSA_P256_SHA256, "EC test keys");
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 1024);
        fragment(JAXBContext.newInstance(GetFamilyResponse.class)).marshal(familyAnswer(30), w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeWith(new PayloadSigner(keys).sign(w), out);
        Document received = SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(SignatureFixtures.verifier().verify(received).signer()).isEqualTo(TestKeys.ec().certificate());
        xmlsec1Verifies(out.toByteArray(), "GetFamilyResponse", TestKeys.ec());
    }

    // ------------------------------------------------------------------ helpers

    /** An answer with non-ASCII and markup characters in its values. */
    private static GetFamilyResponse familyAnswer(int members) throws Exception {
        GetFamilyResponse r = new GetFamilyResponse();
        NormalizedNumberType q = new NormalizedNumberType();
        q.setCountry("EP");
        q.setNumber("10167109");
        q.setKind("A");
        r.setQuery(q);
        r.setFamilyType(FamilyTypeType.EXTENDED);
        for (int i = 0; i < members; i++) {
            FamilyMemberType m = new FamilyMemberType();
            ApplicationReferenceType app = new ApplicationReferenceType();
            app.setOffice(i % 2 == 0 ? "EP" : "JP");
            app.setNumber(String.format("%08d", i));
            app.setKind("A");
            app.setOriginalNumber(i % 3 == 0 ? "特願 2012-" + i + " <&> \"Zürich\"\r\n\t😀" : "EP " + i);
            app.setFilingDate(DatatypeFactory.newInstance().newXMLGregorianCalendar("2012-03-0" + (1 + i % 9)));
            m.setApplication(app);
            m.getLinkedBy().add("EP" + (i + 1000));
            m.setQueried(i == 0);
            m.setDossierAvailable(true);
            m.setNode(i % 5 == 0 ? "nœud & <b>" : null);
            r.getMember().add(m);
        }
        r.setMemberCount(BigInteger.valueOf(members));
        return r;
    }

    private static Marshaller fragment(JAXBContext jaxb) throws Exception {
        Marshaller m = jaxb.createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        return m;
    }

    private static void assertSameAsSantuario(Element root) throws Exception {
        ExclusiveC14nWriter w = assertWrittenOrRefused(root);
        assertThat(w.complete()).as(String.valueOf(w.refusal())).isTrue();
    }

    /** Streams root into a writer; when it completes, its bytes and digest must be Santuario's. */
    private static ExclusiveC14nWriter assertWrittenOrRefused(Element root) throws Exception {
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, ID, 256);
        try {
            stream(root, w);
        } catch (XMLStreamException e) {
            assertThat(w.refusal()).as(e.toString()).isNotNull();
            return w;
        }
        assertThat(w.complete()).isTrue();
        if (root.getAttributeNS(null, PayloadSigner.ID_ATTRIBUTE).isEmpty()) {
            root.setAttributeNS(null, PayloadSigner.ID_ATTRIBUTE, ID);
        }
        assertThat(w.id()).isEqualTo(root.getAttributeNS(null, PayloadSigner.ID_ATTRIBUTE));
        byte[] expected = santuario(root);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        w.writeWith(new byte[0], written);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(w.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
        return w;
    }

    private static byte[] santuario(Element e) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS).canonicalizeSubtree(e, (String) null, out);
        return out.toByteArray();
    }

    /** Writes a DOM subtree as a JAXB marshaller would: declarations, then attributes, then content. */
    private static void stream(Element e, XMLStreamWriter w) throws XMLStreamException {
        String prefix = e.getPrefix() == null ? "" : e.getPrefix();
        String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        w.writeStartElement(prefix, e.getLocalName(), ns);
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                if (a.getPrefix() == null) {
                    w.writeDefaultNamespace(a.getValue());
                } else {
                    w.writeNamespace(a.getLocalName(), a.getValue());
                }
            }
        }
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                continue;
            }
            if (a.getNamespaceURI() == null) {
                w.writeAttribute(a.getLocalName() == null ? a.getName() : a.getLocalName(), a.getValue());
            } else {
                w.writeAttribute(a.getPrefix(), a.getNamespaceURI(), a.getLocalName(), a.getValue());
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            switch (c.getNodeType()) {
                case Node.ELEMENT_NODE -> stream((Element) c, w);
                case Node.TEXT_NODE -> {
                    char[] chars = c.getNodeValue().toCharArray();
                    w.writeCharacters(chars, 0, chars.length);
                }
                case Node.CDATA_SECTION_NODE -> w.writeCData(c.getNodeValue());
                case Node.COMMENT_NODE -> w.writeComment(c.getNodeValue());
                case Node.PROCESSING_INSTRUCTION_NODE -> w.writeProcessingInstruction(c.getNodeName(), c.getNodeValue());
                case Node.ENTITY_REFERENCE_NODE -> w.writeEntityRef(c.getNodeName());
                default -> {
                }
            }
        }
        w.writeEndElement();
    }

    private static Document parse(String xml) throws Exception {
        return SecureXml.documentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private void xmlsec1Verifies(byte[] payload, String element, SigningKey key) throws Exception {
        XmlSec1Check.verifyPayload(dir, payload, element, key);
    }
}
