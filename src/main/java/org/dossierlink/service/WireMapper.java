package org.dossierlink.service;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.access.AccessDecision;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.validation.ValidationIssue;
import org.dossierlink.validation.ValidationReport;
import org.dossierlink.wire.dossier.ApplicationReferenceType;
import org.dossierlink.wire.dossier.ClassificationType;
import org.dossierlink.wire.dossier.DirectionType;
import org.dossierlink.wire.dossier.DocumentGroupType;
import org.dossierlink.wire.dossier.DocumentInfoType;
import org.dossierlink.wire.dossier.DossierType;
import org.dossierlink.wire.dossier.LocalizedTextType;
import org.dossierlink.wire.dossier.PartyType;
import org.dossierlink.wire.dossier.PriorityClaimType;
import org.dossierlink.wire.dossier.PriorityKindType;
import org.dossierlink.wire.dossier.PublicationReferenceType;
import org.dossierlink.wire.messages.AccessDenialReasonType;
import org.dossierlink.wire.messages.DialectContentType;
import org.dossierlink.wire.messages.DialectType;
import org.dossierlink.wire.messages.FamilyMemberType;
import org.dossierlink.wire.messages.FamilyTypeType;
import org.dossierlink.wire.messages.GetDocumentListResponse;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.GetServiceInfoResponse;
import org.dossierlink.wire.messages.GetSigningCertificatesResponse;
import org.dossierlink.wire.messages.NormalizedNumberType;
import org.dossierlink.wire.messages.NumberTypeType;
import org.dossierlink.wire.messages.SigningCertificateType;
import org.dossierlink.wire.messages.ValidateDossierResponse;
import org.dossierlink.wire.messages.ValidationIssueType;
import org.dossierlink.wire.messages.ValidationModeType;
import org.dossierlink.xml.SecureXml;

/**
 * Converts domain records to the JAXB types generated from the contract, and back. Pure functions,
 * no I/O; the only place besides {@link DossierEndpoint} that knows the wire types.
 */
public final class WireMapper {

    private static final DatatypeFactory DATATYPES = newDatatypeFactory();

    private WireMapper() {
    }

    // ---- numbers and enums ----

    public static NormalizedNumberType toWire(NormalizedNumber n) {
        NormalizedNumberType w = new NormalizedNumberType();
        w.setCountry(n.country());
        w.setNumber(n.number());
        w.setKind(n.kind());
        w.setNumberType(toWire(n.type()));
        w.setDocdb(n.docdb());
        w.setSt13(n.st13());
        w.setOriginal(n.original());
        return w;
    }

    public static NormalizedNumber fromWire(NormalizedNumberType w) {
        return new NormalizedNumber(w.getCountry(), w.getNumber(), w.getKind(), fromWire(w.getNumberType()),
                w.getOriginal(), w.getSt13());
    }

    public static NumberTypeType toWire(NumberType t) {
        return NumberTypeType.fromValue(t.wireName());
    }

    /** An absent numberType means application, the schema's default. */
    /** The requested dialect, or null when the request names none. */
    public static Dialect fromWire(DialectType t) {
        return t == null ? null : Dialect.parse(t.value(), "dialect");
    }

    /** A dialect document for an xs:any slot. */
    public static DialectContentType toWire(Dialect dialect, byte[] xml) {
        DialectContentType w = new DialectContentType();
        w.setDialect(DialectType.fromValue(dialect.wireName()));
        w.setAny(element(xml, dialect.wireName()));
        return w;
    }

    /** The root element of an XML document this node produced, parsed securely. */
    public static org.w3c.dom.Element element(byte[] xml, String what) {
        try {
            return SecureXml.documentBuilder().parse(new java.io.ByteArrayInputStream(xml)).getDocumentElement();
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            throw new IllegalStateException(what + " output is not well-formed XML", e);
        }
    }

    public static ValidateDossierResponse toWire(ValidationReport r) {
        ValidateDossierResponse w = new ValidateDossierResponse();
        w.setValid(r.valid());
        w.setDialect(DialectType.fromValue(r.dialect().wireName()));
        w.setMode(ValidationModeType.fromValue(r.mode().wireName()));
        w.setSchema(r.schema() == null ? "none" : r.schema());
        w.setErrorCount(java.math.BigInteger.valueOf(r.errorCount()));
        w.setWarningCount(java.math.BigInteger.valueOf(r.warningCount()));
        for (ValidationIssue i : r.issues()) {
            ValidationIssueType t = new ValidationIssueType();
            t.setSeverity(i.severity().wireName());
            t.setLine(i.line());
            t.setColumn(i.column());
            t.setXpath(i.xpath() == null ? "" : i.xpath());
            t.setMessage(i.message());
            if (i.rule() != null) {
                t.setRule(i.rule().wireName());
            }
            w.getIssue().add(t);
        }
        return w;
    }

    public static NumberType fromWire(NumberTypeType t) {
        return t == null ? NumberType.APPLICATION : NumberType.valueOf(t.name());
    }

    public static FamilyTypeType toWire(FamilyType k) {
        return FamilyTypeType.valueOf(k.name());
    }

    /** An absent familyType means simple, the schema's default. */
    public static FamilyType fromWire(FamilyTypeType t) {
        return t == null ? FamilyType.SIMPLE : FamilyType.valueOf(t.name());
    }

    // ---- references ----

    public static ApplicationReferenceType toWire(ApplicationRef a) {
        ApplicationReferenceType w = new ApplicationReferenceType();
        w.setOffice(a.office());
        w.setNumber(a.number());
        w.setKind(a.kind());
        w.setDocdb(a.docdb());
        w.setOriginalNumber(a.originalNumber());
        w.setFilingDate(toWire(a.filingDate()));
        return w;
    }

    public static ApplicationRef fromWire(ApplicationReferenceType w) {
        return new ApplicationRef(w.getOffice(), w.getNumber(), w.getKind(), w.getOriginalNumber(),
                fromWire(w.getFilingDate()));
    }

    public static PublicationReferenceType toWire(Publication p) {
        PublicationReferenceType w = new PublicationReferenceType();
        w.setCountry(p.country());
        w.setNumber(p.number());
        w.setKind(p.kind());
        w.setDocdb(p.docdb());
        w.setDate(toWire(p.date()));
        return w;
    }

    public static Publication fromWire(PublicationReferenceType w) {
        return new Publication(w.getCountry(), w.getNumber(), w.getKind(), fromWire(w.getDate()));
    }

    public static PriorityClaimType toWire(PriorityClaim c) {
        PriorityClaimType w = new PriorityClaimType();
        w.setSequence(BigInteger.valueOf(c.sequence()));
        w.setCountry(c.country());
        w.setNumber(c.number());
        w.setDocdb(c.docdb());
        w.setOriginalNumber(c.originalNumber());
        w.setDate(toWire(c.date()));
        w.setKind(c.kind() == null ? null : PriorityKindType.fromValue(c.kind().wireName()));
        w.setActive(c.active());
        return w;
    }

    public static PriorityClaim fromWire(PriorityClaimType w) {
        PriorityKind kind = w.getKind() == null ? null : PriorityKind.parseOrNull(w.getKind().value());
        return new PriorityClaim(w.getSequence().intValueExact(), w.getCountry(), w.getNumber(),
                w.getOriginalNumber(), fromWire(w.getDate()), kind, w.isActive());
    }

    // ---- documents ----

    public static DocumentInfoType toWire(DocumentInfo d) {
        DocumentInfoType w = new DocumentInfoType();
        w.setId(d.id());
        w.setCode(d.code());
        w.setDescription(d.description() == null ? "" : d.description());
        w.setGroup(DocumentGroupType.fromValue(d.group().wireName()));
        w.setDate(toWire(d.date()));
        w.setDirection(DirectionType.fromValue(d.direction().wireName()));
        w.setLanguage(d.language());
        w.setMediaType(d.mediaType());
        w.setPages(d.pages() == null ? null : BigInteger.valueOf(d.pages()));
        w.setSize(d.size());
        w.setSha256(d.sha256());
        return w;
    }

    public static DocumentInfo fromWire(DocumentInfoType w) {
        return new DocumentInfo(w.getId(), w.getCode(), w.getDescription(),
                DocumentGroup.fromWireName(w.getGroup().value()), fromWire(w.getDate()),
                Direction.valueOf(w.getDirection().name()), w.getLanguage(), w.getMediaType(),
                w.getPages() == null ? null : w.getPages().intValueExact(), w.getSize(), w.getSha256());
    }

    // ---- the dossier record ----

    /** The canonical record; {@code documents} fills its document list (may be empty). */
    public static DossierType toWire(Dossier d, List<DocumentInfo> documents) {
        DossierType w = new DossierType();
        w.setApplication(toWire(d.application()));
        if (!d.publications().isEmpty()) {
            DossierType.Publications pubs = new DossierType.Publications();
            d.publications().forEach(p -> pubs.getPublication().add(toWire(p)));
            w.setPublications(pubs);
        }
        if (!d.priorityClaims().isEmpty()) {
            DossierType.PriorityClaims claims = new DossierType.PriorityClaims();
            d.priorityClaims().forEach(c -> claims.getPriorityClaim().add(toWire(c)));
            w.setPriorityClaims(claims);
        }
        d.titles().forEach(t -> w.getTitle().add(toWire(t)));
        d.applicants().forEach(p -> w.getApplicant().add(toWire(p)));
        d.inventors().forEach(p -> w.getInventor().add(toWire(p)));
        d.classifications().forEach(c -> w.getClassification().add(toWire(c)));
        d.abstracts().forEach(t -> w.getAbstract().add(toWire(t)));
        if (!documents.isEmpty()) {
            DossierType.Documents docs = new DossierType.Documents();
            documents.forEach(doc -> docs.getDocument().add(toWire(doc)));
            w.setDocuments(docs);
        }
        w.setFamilyId(d.familyId());
        w.setSource(d.source());
        return w;
    }

    /** The record without its document list (see {@link #documentsFromWire}). */
    public static Dossier fromWire(DossierType w) {
        List<Publication> pubs = new ArrayList<>();
        if (w.getPublications() != null) {
            w.getPublications().getPublication().forEach(p -> pubs.add(fromWire(p)));
        }
        List<PriorityClaim> claims = new ArrayList<>();
        if (w.getPriorityClaims() != null) {
            w.getPriorityClaims().getPriorityClaim().forEach(c -> claims.add(fromWire(c)));
        }
        return new Dossier(fromWire(w.getApplication()), pubs, claims,
                w.getTitle().stream().map(WireMapper::fromWire).toList(),
                w.getApplicant().stream().map(WireMapper::fromWire).toList(),
                w.getInventor().stream().map(WireMapper::fromWire).toList(),
                w.getClassification().stream().map(WireMapper::fromWire).toList(),
                w.getAbstract().stream().map(WireMapper::fromWire).toList(),
                w.getFamilyId(), w.getSource());
    }

    public static List<DocumentInfo> documentsFromWire(DossierType w) {
        return w.getDocuments() == null ? List.of()
                : w.getDocuments().getDocument().stream().map(WireMapper::fromWire).toList();
    }

    static LocalizedTextType toWire(LocalizedText t) {
        LocalizedTextType w = new LocalizedTextType();
        w.setLang(t.lang());
        w.setValue(t.text());
        return w;
    }

    static LocalizedText fromWire(LocalizedTextType w) {
        return new LocalizedText(w.getLang(), w.getValue());
    }

    static PartyType toWire(Party p) {
        PartyType w = new PartyType();
        w.setName(p.name());
        w.setCountry(p.country());
        w.setSequence(p.sequence() > 0 ? BigInteger.valueOf(p.sequence()) : null);
        return w;
    }

    static Party fromWire(PartyType w) {
        return new Party(w.getSequence() == null ? 0 : w.getSequence().intValueExact(), w.getName(), w.getCountry());
    }

    static ClassificationType toWire(Classification c) {
        ClassificationType w = new ClassificationType();
        w.setScheme(c.scheme() == Classification.Scheme.NATIONAL ? "national" : c.scheme().name());
        w.setValue(c.symbol());
        return w;
    }

    static Classification fromWire(ClassificationType w) {
        return new Classification(Classification.Scheme.valueOf(w.getScheme().toUpperCase(Locale.ROOT)), w.getValue());
    }

    // ---- responses ----

    public static GetFamilyResponse toWire(DossierService.FamilyAnswer answer) {
        GetFamilyResponse w = new GetFamilyResponse();
        w.setQuery(toWire(answer.query()));
        w.setFamilyType(toWire(answer.family().type()));
        if (answer.family().truncated()) {
            w.setTruncated(true);
        }
        for (FamilyMember m : answer.family().members()) {
            FamilyMemberType member = toWire(m);
            AccessDecision refusal = answer.refusal(m.key());
            // always explicit, like queried
            member.setDossierAvailable(refusal == null);
            if (refusal != null) {
                member.setUnavailableReason(AccessDenialReasonType.fromValue(refusal.reason().wireName()));
            }
            w.getMember().add(member);
        }
        w.setMemberCount(BigInteger.valueOf(w.getMember().size()));
        return w;
    }

    public static FamilyMemberType toWire(FamilyMember m) {
        FamilyMemberType w = new FamilyMemberType();
        Dossier d = m.dossier();
        w.setApplication(toWire(d.application()));
        d.publications().forEach(p -> w.getPublication().add(toWire(p)));
        d.priorityClaims().forEach(c -> w.getPriorityClaim().add(toWire(c)));
        w.getLinkedBy().addAll(m.linkedBy());
        // always explicit: some stacks (zeep) hand the schema default back as the string "false"
        w.setQueried(m.queried());
        return w;
    }

    public static GetDocumentListResponse toWire(DocumentList list) {
        GetDocumentListResponse w = new GetDocumentListResponse();
        w.setApplication(toWire(list.application()));
        list.documents().forEach(d -> w.getDocument().add(toWire(d)));
        return w;
    }

    public static GetServiceInfoResponse toWire(ServiceInfo info) {
        GetServiceInfoResponse w = new GetServiceInfoResponse();
        w.setProduct(info.product());
        w.setVersion(info.version());
        w.getOffice().addAll(info.offices());
        w.getOperation().addAll(info.operations());
        w.getDialect().addAll(info.dialects());
        return w;
    }

    /** This node's signing certificates with their place in the rotation at {@code now}. */
    public static GetSigningCertificatesResponse toWire(SigningKeys keys, ServiceInfo info, Instant now) {
        GetSigningCertificatesResponse w = new GetSigningCertificatesResponse();
        w.setNode(info.product() + " " + info.version());
        for (SigningKeys.Published p : keys.published(now)) {
            SigningKey key = p.key();
            X509Certificate cert = key.certificate();
            SigningCertificateType c = new SigningCertificateType();
            c.setKeyName(key.alias());
            c.setStatus(p.status().name().toLowerCase(Locale.ROOT));
            c.setAlgorithm(key.algorithm().uri());
            c.setSubject(cert.getSubjectX500Principal().getName());
            c.setIssuer(cert.getIssuerX500Principal().getName());
            c.setSerialNumber(cert.getSerialNumber().toString(16));
            c.setSha256Fingerprint(key.fingerprint());
            c.setNotBefore(toWire(key.notBefore()));
            c.setNotAfter(toWire(key.notAfter()));
            try {
                c.setX509Certificate(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("certificate of key '" + key.alias() + "' cannot be encoded", e);
            }
            w.getCertificate().add(c);
        }
        return w;
    }

    // ---- dates ----

    /** xsd:dateTime in UTC. */
    public static XMLGregorianCalendar toWire(Instant instant) {
        return DATATYPES.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }

    /** xsd:date without a time zone, or null. */
    public static XMLGregorianCalendar toWire(LocalDate date) {
        return date == null ? null : DATATYPES.newXMLGregorianCalendarDate(
                date.getYear(), date.getMonthValue(), date.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
    }

    public static LocalDate fromWire(XMLGregorianCalendar c) {
        return c == null ? null : LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
    }

    private static DatatypeFactory newDatatypeFactory() {
        return DatatypeFactory.newDefaultInstance();
    }
}
