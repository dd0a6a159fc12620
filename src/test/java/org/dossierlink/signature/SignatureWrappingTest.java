package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.signature.SignatureFixtures.DS;
import static org.dossierlink.signature.SignatureFixtures.FORGED_APPLICANT;
import static org.dossierlink.signature.SignatureFixtures.PAT;
import static org.dossierlink.signature.SignatureFixtures.PAYLOAD_ID;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_APPLICANT;
import static org.dossierlink.signature.SignatureFixtures.SIGNED_FEE;
import static org.dossierlink.signature.SignatureFixtures.WSU;
import static org.dossierlink.signature.SignatureFixtures.all;
import static org.dossierlink.signature.SignatureFixtures.assertRejected;
import static org.dossierlink.signature.SignatureFixtures.byId;
import static org.dossierlink.signature.SignatureFixtures.children;
import static org.dossierlink.signature.SignatureFixtures.envelope;
import static org.dossierlink.signature.SignatureFixtures.one;
import static org.dossierlink.signature.SignatureFixtures.reparse;
import static org.dossierlink.signature.SignatureFixtures.santuario;
import static org.dossierlink.signature.SignatureFixtures.signedEnvelope;
import static org.dossierlink.signature.SignatureFixtures.soapBody;
import static org.dossierlink.signature.SignatureFixtures.soapHeader;
import static org.dossierlink.signature.SignatureFixtures.text;
import static org.dossierlink.signature.SignatureFixtures.verifier;
import static org.dossierlink.signature.SignatureFixtures.walk;

import javax.xml.XMLConstants;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.dossierlink.signature.SignatureRejectedException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * XML Signature Wrapping (XSW): the signed payload is kept somewhere in the message, so its signature stays
 * cryptographically valid, while the element the application reads is a forged one. The envelope's Body
 * payload is signed by PayloadSigner; each test rearranges the received message the way an attacker would
 * and verifies it as the server does: the processed element is {@link SignatureVerifier#payloadOf}.
 * <p>
 * Where a variant fools a naive verifier (register every {@code Id}, check the first ds:Signature in the
 * document with Santuario), the test asserts that too: it proves the rearranged message is a working attack
 * and that only SignatureVerifier's structural checks stop it.
 */
class SignatureWrappingTest {

    private static final String BODY_PATH = "/soap:Envelope/soap:Body";
    private static final String PAYLOAD_PATH = BODY_PATH + "/pat:GetDossierResponse";

    // ------------------------------------------------------------------ accepted

    @Test
    void untouchedTheVerifiedElementIsTheReferencedNodeWithTheSignedValues() {
        Document doc = signedEnvelope();

        VerifiedSignature v = verifier().verify(doc);

        Element processed = SignatureVerifier.payloadOf(doc);
        String uri = all(doc, DS, "Reference").get(0).getAttribute("URI");
        assertThat(uri).isEqualTo("#" + PAYLOAD_ID);
        assertThat(v.signedElement()).isSameAs(processed).isSameAs(byId(doc, uri.substring(1)));
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
        assertThat(text(v.signedElement(), "Fee")).isEqualTo(SIGNED_FEE);
    }

    @Test
    void anUnsignedDecoyOutsideTheSignedElementIsHarmlessWhenTheVerifiedElementIsRead() {
        // the decoy sits before the payload in document order: code that searches the document gets it,
        // code that reads VerifiedSignature.signedElement() does not
        Document doc = signedEnvelope();
        Element decoy = forgedCopy(SignatureVerifier.payloadOf(doc), "decoy-1");
        removeSignature(decoy);
        soapHeader(doc).appendChild(decoy);
        Document received = reparse(doc);

        VerifiedSignature v = verifier().verify(received);

        assertThat(v.signedElement()).isSameAs(SignatureVerifier.payloadOf(received));
        assertThat(text(v.signedElement(), "Applicant")).isEqualTo(SIGNED_APPLICANT);
        assertThat(all(received, PAT, "Applicant").get(0).getTextContent())
                .as("a document-wide search finds the decoy first").isEqualTo(FORGED_APPLICANT);
    }

    // ------------------------------------------------------------------ wrapping variants

    @Test
    void xsw1OriginalMovedIntoTheSignatureObjectForgedPayloadWithAnotherId() {
        Wrapping w = forgedCopyTakesTheSignature("forged-1");
        w.forgedInPlaceOriginalUnder(newChild(signatureOf(w.forged()), DS, "ds:Object"));
        Document received = reparseWithForgedPayload(w.doc());

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#" + PAYLOAD_ID + "'",
                PAYLOAD_PATH + "/ds:Signature/ds:Object/pat:GetDossierResponse", "not the signed element");
    }

    @Test
    void xsw2OriginalMovedIntoTheSignatureObjectForgedPayloadWithTheSameId() {
        Wrapping w = forgedCopyTakesTheSignature(PAYLOAD_ID);
        w.forgedInPlaceOriginalUnder(newChild(signatureOf(w.forged()), DS, "ds:Object"));
        Document received = reparseWithForgedPayload(w.doc());

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements", PAYLOAD_PATH + "/ds:Signature/ds:Object");
    }

    @Test
    void xsw3OriginalAsASiblingAfterTheForgedPayload() {
        Wrapping w = forgedCopyTakesTheSignature("forged-1");
        w.forgedFirstInTheBody();
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#" + PAYLOAD_ID + "'", "which is " + PAYLOAD_PATH + ",", "not the signed element");
    }

    @Test
    void xsw3bOriginalAsASiblingAfterTheForgedPayloadWithTheSameId() {
        Wrapping w = forgedCopyTakesTheSignature(PAYLOAD_ID);
        w.forgedFirstInTheBody();
        Document received = reparseWithForgedPayload(w.doc());

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements");
    }

    @Test
    void xsw4OriginalWrappedInsideTheForgedPayload() {
        Wrapping w = forgedCopyTakesTheSignature("forged-1");
        w.forgedInPlaceOriginalUnder(w.forged());
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#" + PAYLOAD_ID + "'", PAYLOAD_PATH + "/pat:GetDossierResponse", "not the signed element");
    }

    @Test
    void xsw4bOriginalWithItsSignatureWrappedInsideAnUnsignedForgedPayload() {
        Wrapping w = unsignedForgedCopy("forged-1");
        w.forgedInPlaceOriginalUnder(w.forged());
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.UNSIGNED,
                "<pat:GetDossierResponse> is not signed", "a ds:Signature elsewhere in the document does not count");
    }

    @Test
    void xsw5OriginalWrappedInTheHeaderForgedPayloadWithTheSameId() {
        Wrapping w = forgedCopyTakesTheSignature(PAYLOAD_ID);
        w.forgedInPlaceOriginalUnder(newChild(soapHeader(w.doc()), PAT, "pat:Archive"));
        Document received = reparseWithForgedPayload(w.doc());

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements",
                "/soap:Envelope/soap:Header/pat:Archive/pat:GetDossierResponse", PAYLOAD_PATH);
    }

    @Test
    void xsw5bOriginalWrappedInTheHeaderForgedPayloadWithAnotherId() {
        Wrapping w = forgedCopyTakesTheSignature("forged-1");
        w.forgedInPlaceOriginalUnder(newChild(soapHeader(w.doc()), PAT, "pat:Archive"));
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#" + PAYLOAD_ID + "'", "/soap:Envelope/soap:Header/pat:Archive/pat:GetDossierResponse");
    }

    @Test
    void xsw6SignatureMovedOutOfThePayloadIntoTheHeader() {
        Document doc = signedEnvelope();
        Element original = SignatureVerifier.payloadOf(doc);
        soapHeader(doc).appendChild(removeSignature(original));
        one(original, PAT, "Applicant").setTextContent(FORGED_APPLICANT);
        Document received = reparseWithForgedPayload(doc);

        assertRejected(() -> verifier().verify(received), Problem.UNSIGNED,
                "<pat:GetDossierResponse> is not signed", "a ds:Signature elsewhere in the document does not count");
    }

    @Test
    void xsw7ForgedPayloadCarriesTheSignatureOriginalSitsInAnUnknownWrapper() {
        // the wrapper is a direct child of soap:Envelope that no SOAP processor looks at
        Wrapping w = forgedCopyTakesTheSignature("forged-1");
        w.forgedInPlaceOriginalUnder(newChild(w.doc().getDocumentElement(), "urn:attacker:wrapper", "w:Unknown"));
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#" + PAYLOAD_ID + "'", "/soap:Envelope/w:Unknown/pat:GetDossierResponse",
                "not the signed element");
    }

    @Test
    void xsw8XPointerReferenceIsRefused() {
        // a genuine signature whose Reference selects the payload by XPointer instead of by bare ID
        Document doc = envelope();
        santuario().references("#xpointer(id('" + PAYLOAD_ID + "'))").signInto(SignatureVerifier.payloadOf(doc));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "references '#xpointer(id('" + PAYLOAD_ID + "'))'", "XPointer references are refused");
    }

    @Test
    void xsw8bWholeDocumentReferenceWhileTheProcessedElementIsNotTheDocumentElement() {
        // URI="" signs the whole envelope: it says nothing about which element in it is the payload
        Document doc = envelope();
        santuario().references("").signInto(SignatureVerifier.payloadOf(doc));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.REFERENCE_OUTSIDE,
                "URI=\"\" covers the whole document", "not the processed element <pat:GetDossierResponse>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wsu:Id", "xml:id", "ID", "id"})
    void xsw9ForgedPayloadCarriesTheSignedIdInAnotherIdAttribute(String attribute) {
        Wrapping w = forgedCopyTakesTheSignature(null);
        claimTheSignedId(w.forged(), attribute);
        w.forgedFirstInTheBody();
        Document received = reparseWithForgedPayload(w.doc());

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wsu:Id", "xml:id", "Id"})
    void xsw9bAnUnrelatedElementDuplicatesTheSignedId(String attribute) {
        // the signed payload is untouched; a header element claims its ID, so "#payload-1" is ambiguous
        Document doc = signedEnvelope();
        claimTheSignedId(one(doc, PAT, "Trace"), attribute);
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements", "/soap:Envelope/soap:Header/pat:Trace");
    }

    @Test
    void xsw10TheSignatureObjectClaimsTheSignedId() {
        // a ds:Object (whose Id Santuario itself registers) inside the signature carrying the payload's ID
        Document doc = signedEnvelope();
        Element object = one(signatureOf(SignatureVerifier.payloadOf(doc)), DS, "Object");
        Element extra = newChild((Element) object.getParentNode(), DS, "ds:Object");
        extra.setAttribute("Id", PAYLOAD_ID);
        extra.appendChild(forgedCopy(SignatureVerifier.payloadOf(doc), "forged-1"));
        removeSignature(all(extra, PAT, "GetDossierResponse").get(0));
        Document received = reparse(doc);

        assertRejected(() -> verifier().verify(received), Problem.DUPLICATE_ID,
                "the ID '" + PAYLOAD_ID + "'", "carried by 2 elements", "ds:Object");
    }

    @Test
    void forgedPayloadFirstInTheBodyOriginalSignedAfterIt() {
        // payloadOf takes the first element of the Body; a signed original behind it does not sign it
        Wrapping w = unsignedForgedCopy("forged-1");
        w.forgedFirstInTheBody();
        Document received = reparseWithForgedPayload(w.doc());
        assertAttackWorksOnANaiveVerifier(received);

        assertRejected(() -> verifier().verify(received), Problem.UNSIGNED,
                "<pat:GetDossierResponse> is not signed", "elsewhere");
    }

    @Test
    void forgedContentInPlaceOfTheOriginalIsADigestMismatch() {
        // no wrapping at all: the baseline every XSW variant tries to get around
        Document doc = signedEnvelope();
        one(SignatureVerifier.payloadOf(doc), PAT, "Applicant").setTextContent(FORGED_APPLICANT);
        Document received = reparse(doc);
        assertThat(naiveVerifierAccepts(received)).isFalse();

        assertRejected(() -> verifier().verify(received), Problem.DIGEST_MISMATCH,
                "'#" + PAYLOAD_ID + "'", "changed after it was signed");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A signed envelope, its Body payload as signed ({@code original}) and a forged copy of it ({@code forged},
     * not yet in the document). Where the signature ends up is the attacker's choice: see the two factories.
     */
    private record Wrapping(Document doc, Element original, Element forged) {

        /** The forged copy takes the original's place in the Body; the original is moved under {@code parent}. */
        void forgedInPlaceOriginalUnder(Element parent) {
            soapBody(doc).replaceChild(forged, original);
            parent.appendChild(original);
        }

        /** The forged copy goes into the Body before the original, which stays where it is. */
        void forgedFirstInTheBody() {
            soapBody(doc).insertBefore(forged, original);
        }
    }

    /** The forged copy, with Id {@code forgedId} (none when null), keeps the signature; the original loses it. */
    private static Wrapping forgedCopyTakesTheSignature(String forgedId) {
        Wrapping w = wrapping(forgedId);
        removeSignature(w.original());
        return w;
    }

    /** The original keeps its signature; the forged copy, with Id {@code forgedId}, carries none. */
    private static Wrapping unsignedForgedCopy(String forgedId) {
        Wrapping w = wrapping(forgedId);
        removeSignature(w.forged());
        return w;
    }

    private static Wrapping wrapping(String forgedId) {
        Document doc = signedEnvelope();
        Element original = SignatureVerifier.payloadOf(doc);
        return new Wrapping(doc, original, forgedCopy(original, forgedId));
    }

    /** {@code doc} as the server receives it, after checking that the element it would read is the forged one. */
    private static Document reparseWithForgedPayload(Document doc) {
        Document received = reparse(doc);
        assertThat(text(SignatureVerifier.payloadOf(received), "Applicant")).isEqualTo(FORGED_APPLICANT);
        return received;
    }

    /** A new element {@code qualifiedName} in {@code ns}, appended as the last child of {@code parent}. */
    private static Element newChild(Element parent, String ns, String qualifiedName) {
        return (Element) parent.appendChild(parent.getOwnerDocument().createElementNS(ns, qualifiedName));
    }

    /** Gives {@code e} the signed payload's ID in {@code attribute}: wsu:Id, xml:id or an unqualified one. */
    private static void claimTheSignedId(Element e, String attribute) {
        switch (attribute) {
            case "wsu:Id" -> e.setAttributeNS(WSU, "wsu:Id", PAYLOAD_ID);
            case "xml:id" -> e.setAttributeNS(XMLConstants.XML_NS_URI, "xml:id", PAYLOAD_ID);
            default -> e.setAttributeNS(null, attribute, PAYLOAD_ID);
        }
    }

    /** A deep copy of {@code original} (signature included) with the forged applicant and Id {@code id} (none when null). */
    private static Element forgedCopy(Element original, String id) {
        Element forged = (Element) original.cloneNode(true);
        one(forged, PAT, "Applicant").setTextContent(FORGED_APPLICANT);
        if (id == null) {
            forged.removeAttributeNS(null, "Id");
        } else {
            forged.setAttributeNS(null, "Id", id);
        }
        return forged;
    }

    private static Element signatureOf(Element e) {
        for (Element c : children(e)) {
            if (DS.equals(c.getNamespaceURI()) && "Signature".equals(c.getLocalName())) {
                return c;
            }
        }
        throw new AssertionError("no ds:Signature child in " + e.getTagName());
    }

    private static Element removeSignature(Element e) {
        Element signature = signatureOf(e);
        e.removeChild(signature);
        return signature;
    }

    private static void assertAttackWorksOnANaiveVerifier(Document received) {
        assertThat(naiveVerifierAccepts(received)).as("a working attack on a naive verifier").isTrue();
    }

    /**
     * What a naive verifier does: register every {@code Id} attribute as an ID, take the first ds:Signature
     * in the document and check it, with Santuario's secure validation, under the certificate it carries.
     */
    private static boolean naiveVerifierAccepts(Document received) {
        Document doc = reparse(received);
        walk(doc.getDocumentElement(), e -> {
            if (e.hasAttributeNS(null, "Id")) {
                e.setIdAttributeNS(null, "Id", true);
            }
        });
        try {
            XMLSignature signature = new XMLSignature(all(doc, DS, "Signature").get(0), "", true);
            return signature.checkSignatureValue(signature.getKeyInfo().getX509Certificate());
        } catch (XMLSecurityException e) {
            return false;
        }
    }
}
