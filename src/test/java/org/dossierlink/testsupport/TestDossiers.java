package org.dossierlink.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Direction;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.dossier.LocalizedText;
import org.dossierlink.dossier.Party;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.PriorityKind;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.service.DossierService;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.service.ServiceInfo;

/**
 * The seed data of the SOAP tests: a small family around the Japanese first filing JP 2010-123456.
 * <ul>
 * <li>EP 10167109 and US 13/167,395 claim only JP 2010-123456: one simple family;</li>
 * <li>CN 201110123456 claims JP 2010-123456 and US 61/234,567: extended family only;</li>
 * <li>EP 10167109 holds two documents: a search report in XML and an office action as PDF.</li>
 * </ul>
 */
public final class TestDossiers {

    public static final List<String> OFFICES = List.of("CN", "EP", "JP", "KR", "US", "WO");
    public static final String XML_DOC_ID = "EP10167109-SR-1";
    public static final String PDF_DOC_ID = "EP10167109-OA-1";
    public static final byte[] SEARCH_REPORT_XML = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<sr:search-report xmlns:sr=\"urn:example:search-report\" lang=\"en\">"
            + "<sr:citation category=\"X\">EP.1234567.A1</sr:citation>"
            + "<sr:citation category=\"A\">US.7654321.B2</sr:citation>"
            + "</sr:search-report>\n").getBytes(StandardCharsets.UTF_8);
    public static final byte[] OFFICE_ACTION_PDF = pdf();

    private static final PriorityClaim JP_PRIORITY = new PriorityClaim(1, "JP", "2010123456", "2010-123456",
            LocalDate.of(2010, 6, 1), PriorityKind.NATIONAL, true);

    public static final Dossier JP = dossier(new ApplicationRef("JP", "2010123456", "A", "2010-123456",
            LocalDate.of(2010, 6, 1)), List.of(), List.of());
    public static final Dossier EP = new Dossier(
            new ApplicationRef("EP", "10167109", "A", "10167109.7", LocalDate.of(2011, 6, 1)),
            List.of(new Publication("EP", "2400812", "A1", LocalDate.of(2011, 12, 28))),
            List.of(JP_PRIORITY),
            List.of(new LocalizedText("en", "Wireless mesh relay"), new LocalizedText("de", "Drahtloses Maschenrelais")),
            List.of(new Party(1, "Example Corp", "JP")),
            List.of(new Party(1, "Tanaka, Hiro", "JP"), new Party(2, "Sato, Yui", "JP")),
            List.of(new Classification(Classification.Scheme.IPC, "H04W 84/18"),
                    new Classification(Classification.Scheme.CPC, "H04W 84/18")),
            List.of(new LocalizedText("en", "A relay for wireless mesh networks.")),
            "F1", "canonical");
    public static final Dossier US = dossier(new ApplicationRef("US", "13167395", "A", "13/167,395",
            LocalDate.of(2011, 6, 1)), List.of(JP_PRIORITY), List.of());
    public static final Dossier CN = dossier(new ApplicationRef("CN", "201110123456", "A", "201110123456.7",
            LocalDate.of(2011, 6, 1)), List.of(JP_PRIORITY, new PriorityClaim(2, "US", "61234567", "61/234,567",
            LocalDate.of(2010, 7, 1), PriorityKind.INTERNATIONAL, true)), List.of());

    public static final DocumentInfo SEARCH_REPORT = new DocumentInfo(XML_DOC_ID, "SR", "European search report",
            DocumentGroup.SEARCH, LocalDate.of(2011, 9, 15), Direction.OUTGOING, "en", "application/xml", 2,
            SEARCH_REPORT_XML.length, ContentDigest.sha256(SEARCH_REPORT_XML));
    public static final DocumentInfo OFFICE_ACTION = new DocumentInfo(PDF_DOC_ID, "OA", "Communication from the examining division",
            DocumentGroup.OFFICE_ACTION, LocalDate.of(2012, 3, 2), Direction.OUTGOING, "en", "application/pdf", 3,
            OFFICE_ACTION_PDF.length, ContentDigest.sha256(OFFICE_ACTION_PDF));

    private TestDossiers() {
    }

    /** A fresh in-memory H2 store (the real JDBC store and migrations) holding the seed family. */
    public static JdbcDossierStore seededStore() {
        return seed(JdbcDossierStore.open("jdbc:h2:mem:seed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                null, null));
    }

    /** Saves the seed family and EP's two documents into {@code store}; returns it. */
    public static JdbcDossierStore seed(JdbcDossierStore store) {
        store.saveAll(List.of(JP, EP, US, CN));
        store.saveDocument(EP.application().key(), SEARCH_REPORT, SEARCH_REPORT_XML);
        store.saveDocument(EP.application().key(), OFFICE_ACTION, OFFICE_ACTION_PDF);
        return store;
    }

    /** The service over the seeded store with the real normaliser and family lookup. */
    public static DossierService service() {
        return service(seededStore());
    }

    /** The service over the given store (a seeded one, perhaps wrapped), as {@link #service()} builds it. */
    public static DossierService service(DossierStore store) {
        return new DossierService(store, new NumberNormalizer(), new FamilyLookup(store),
                ServiceInfo.forOffices(OFFICES), TestDialects.converter(), TestOffices.gate());
    }


    private static Dossier dossier(ApplicationRef app, List<PriorityClaim> claims, List<Publication> pubs) {
        return new Dossier(app, pubs, claims, List.of(), List.of(), List.of(), List.of(), List.of(), null, "canonical");
    }

    /** 200 KB that start and end like a PDF: big enough that MTOM matters. */
    private static byte[] pdf() {
        byte[] body = new byte[200 * 1024];
        new Random(42).nextBytes(body);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
        return all;
    }
}
