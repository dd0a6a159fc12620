package org.dossierlink.service;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.access.AccessDecision;
import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Caller;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.validation.DossierValidator;
import org.dossierlink.validation.ValidationIssue;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.validation.ValidationReport;

/**
 * The operations of the SOAP API in domain terms: number normalisation, family lookup, dossier and
 * document retrieval. No wire types here; {@link DossierEndpoint} translates. Every failure a
 * caller can act on is a {@link org.dossierlink.DossierlinkException}. Thread-safe when its
 * collaborators are.
 * <p>
 * Every dossier operation names its {@link Caller} and goes through the {@link AccessGate}: the dossier's
 * holder is the office of its application number, so a refusal comes before anything is loaded (it says
 * nothing about whether the dossier exists); documents of a category an agreement does not cover are left
 * out of lists and refused one by one. A family lists every member, each marked with the caller's access.
 */
public final class DossierService {

    private final DossierStore store;
    private final NumberNormalizer normalizer;
    private final FamilyLookup family;
    private final ServiceInfo info;
    private final DialectConverter converter;
    private final DossierValidator validator;
    private final AccessGate gate;

    public DossierService(DossierStore store, NumberNormalizer normalizer, FamilyLookup family, ServiceInfo info,
                          DialectConverter converter, AccessGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.validator = new DossierValidator();
        this.store = Objects.requireNonNull(store, "store");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.family = Objects.requireNonNull(family, "family");
        this.info = Objects.requireNonNull(info, "info");
    }

    /** Checks that the store answers: see {@link DossierStore#ping(int)}. */
    public void pingStore(int timeoutSeconds) {
        store.ping(timeoutSeconds);
    }

    public ServiceInfo info() {
        return info;
    }

    public NormalizedNumber normalize(String office, String number, NumberType type) {
        return normalizer.normalize(office, number, type);
    }

    /**
     * The family of a number. Membership comes from published data, so every member is listed; the answer
     * says, member by member, whether {@code caller} may see its dossier.
     */
    public FamilyAnswer family(Caller caller, String office, String number, NumberType type, FamilyType kind) {
        NormalizedNumber query = withFilingYear(normalizer.normalize(office, number, type));
        Family found = family.lookup(query, kind);
        Map<String, AccessDecision> access = new HashMap<>();
        for (var member : found.members()) {
            AccessDecision d = gate.dossier(caller, member.dossier().application().office());
            if (!d.isAllowed()) {
                access.put(member.key(), d);
            }
        }
        return new FamilyAnswer(query, found, access);
    }

    /** The documents of a dossier {@code caller} may see (those of categories its agreement covers). */
    public DocumentList documents(Caller caller, String office, String applicationNumber) {
        Dossier dossier = dossier(caller, office, applicationNumber);
        return new DocumentList(dossier.application(), visible(caller, dossier, store.documents(dossier.application().key())));
    }

    public StoredDocument document(Caller caller, String office, String applicationNumber, String documentId) {
        if (documentId == null || documentId.isBlank()) {
            throw new InvalidRequestException("documentId is required: take it from GetDocumentList", "documentId");
        }
        Dossier dossier = dossier(caller, office, applicationNumber);
        StoredDocument stored = store.document(dossier.application().key(), documentId.trim())
                .orElseThrow(() -> new NotFoundException("application " + dossier.application().docdb()
                        + " has no document '" + documentId.trim() + "': GetDocumentList lists its documents",
                        "documentId"));
        gate.requireDocument(caller, dossier.application().office(), stored.info().group());
        return stored;
    }

    public BibliographicRecord bibliographicData(Caller caller, String office, String applicationNumber) {
        Dossier dossier = dossier(caller, office, applicationNumber);
        return new BibliographicRecord(dossier, visible(caller, dossier, store.documents(dossier.application().key())));
    }

    /** The record of an application in a dialect: the canonical record converted by its stylesheet. */
    public byte[] bibliographicData(Caller caller, String office, String applicationNumber, Dialect dialect) {
        BibliographicRecord r = bibliographicData(caller, office, applicationNumber);
        return inDialect(r.dossier(), r.documents(), dialect);
    }

    private List<DocumentInfo> visible(Caller caller, Dossier dossier, List<DocumentInfo> documents) {
        String holder = dossier.application().office();
        return documents.stream().filter(d -> gate.document(caller, holder, d.group()).isAllowed()).toList();
    }

    /** A record (with its document list) in a dialect. */
    public byte[] inDialect(Dossier dossier, List<DocumentInfo> documents, Dialect dialect) {
        return converter.fromCanonical(dialect, dossier, documents);
    }

    /**
     * One document converted to a dialect. Only XML documents in a dialect this node reads convert; the
     * answer describes the converted bytes (size, SHA-256, media type), under the stored document's id.
     */
    public StoredDocument document(Caller caller, String office, String applicationNumber, String documentId,
                                   Dialect dialect) {
        StoredDocument stored = document(caller, office, applicationNumber, documentId);
        DocumentInfo info = stored.info();
        if (!info.isXml()) {
            throw new InvalidRequestException("document " + info.id() + " is " + info.mediaType()
                    + "; only XML documents convert to a dialect", "dialect");
        }
        Dialect from;
        try {
            from = DialectDetector.detect(new ByteArrayInputStream(stored.content()), info.id()).dialect();
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("document " + info.id() + " cannot convert to " + dialect.wireName()
                    + ": " + e.getMessage(), "dialect");
        }
        byte[] converted = converter.convert(converter.parse(stored.content(), info.id()), from, dialect, info.id());
        return new StoredDocument(new DocumentInfo(info.id(), info.code(), info.description(), info.group(),
                info.date(), info.direction(), info.language(), "application/xml", info.pages(), converted.length,
                ContentDigest.sha256(converted)), converted);
    }

    /**
     * Validates a document against the schema or DTD of its dialect (detected when null), offline.
     * A document that does not validate is a normal answer; one that is not XML or in no dialect is an
     * {@link InvalidRequestException}.
     */
    public ValidationReport validate(byte[] document, String name, Dialect dialect, ValidationMode mode) {
        ValidationReport report = validator.validate(document, name, dialect, mode);
        if (report.dialect() == null) {
            // not XML before its root element, or in no dialect: nothing was validated
            ValidationIssue first = report.issues().get(0);
            throw new InvalidRequestException(name + ":" + first.line() + ":" + first.column() + ": "
                    + first.message(), "document");
        }
        return report;
    }

    private Dossier dossier(Caller caller, String office, String applicationNumber) {
        NormalizedNumber number = withFilingYear(normalizer.normalize(office, applicationNumber, NumberType.APPLICATION));
        gate.requireDossier(caller, number.country());
        return store.findByApplicationKey(number.key())
                .orElseThrow(() -> new NotFoundException("no application " + number.docdb() + " (given as '"
                        + applicationNumber + "') is held by this node", "applicationNumber"));
    }

    /**
     * A US application number written without its filing year ({@code 13/167,395}) has no DOCDB key of
     * its own: the store keys it with the year ({@code US201113167395}). When the store knows exactly one
     * of the forms the number can have, that one is meant; when it knows several, the caller must say
     * which. Every other number is returned as it is.
     */
    private NormalizedNumber withFilingYear(NormalizedNumber number) {
        List<NormalizedNumber> candidates = normalizer.filingYearCandidates(number);
        if (candidates.isEmpty() || store.findByApplicationKey(number.key()).isPresent()) {
            return number;
        }
        List<String> keys = candidates.stream().map(NormalizedNumber::key).toList();
        Set<String> known = new TreeSet<>();
        store.findByApplicationKeys(keys).forEach(d -> known.add(d.application().key()));
        if (number.type() == NumberType.PRIORITY) {
            store.linksByPriorities(keys).forEach(l -> l.priorityKeys().stream().filter(keys::contains).forEach(known::add));
        }
        if (known.size() > 1) {
            throw new InvalidRequestException("'" + number.original() + "' is written without its filing year and"
                    + " matches several applications (" + String.join(", ", known) + "): give the year, e.g. "
                    + candidates.stream().filter(c -> known.contains(c.key())).findFirst().orElseThrow().docdb(),
                    "number");
        }
        return candidates.stream().filter(c -> known.contains(c.key())).findFirst().orElse(number);
    }

    /**
     * A family, the normalised form of the number that was asked for, and the refusals: for each member
     * whose dossier the caller may not see (by application key), why.
     */
    public record FamilyAnswer(NormalizedNumber query, Family family, Map<String, AccessDecision> refused) {
        public FamilyAnswer {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(family, "family");
            refused = Map.copyOf(refused);
        }

        /** Why the caller may not see this member's dossier, or null when it may. */
        public AccessDecision refusal(String applicationKey) {
            return refused.get(applicationKey);
        }
    }
}
