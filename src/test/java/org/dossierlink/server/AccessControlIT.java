package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dossierlink.access.AccessDecision;
import org.dossierlink.access.AccessGate;
import org.dossierlink.access.AccessPolicy;
import org.dossierlink.access.AuditRecord;
import org.dossierlink.access.AuditTrail;
import org.dossierlink.access.Office;
import org.dossierlink.access.Quota;
import org.dossierlink.access.QuotaLedger;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DocumentGroup;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.dossierlink.testsupport.TestOffices;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Agreements enforced by a running node (the demo flag lets a test name the calling office in the
 * CallingOffice header): every configured caller against every test dossier, on dates around the start
 * and end of the agreements, through GetFamily, GetDocumentList, GetDocument and GetBibliographicData;
 * each answer either carries the dossier or is AccessDeniedFault with the reason the policy gives, and no
 * refused answer carries any of the dossier's data. Also quotas and the audit log.
 */
class AccessControlIT {

    private static final List<Dossier> HOLDERS = List.of(TestDossiers.JP, TestDossiers.EP, TestDossiers.US, TestDossiers.CN);
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2014, 3, 31), LocalDate.of(2014, 4, 1),
            LocalDate.of(2015, 12, 31), LocalDate.of(2016, 1, 1), LocalDate.of(2098, 12, 31), LocalDate.of(2099, 1, 1));

    private static String header(String office) {
        return "<m:CallingOffice xmlns:m=\"urn:dossierlink:messages:1\">" + office + "</m:CallingOffice>";
    }

    private static HttpResponse<String> call(DossierServer server, String office, String operation, String body) {
        return RawSoap.post(server.soap11Url(), Version.SOAP11, operation,
                RawSoap.envelope(Version.SOAP11, header(office), body).getBytes(StandardCharsets.UTF_8));
    }

    private static DossierServer start(JdbcDossierStore store, Clock clock, JdbcAuditLog audit) throws Exception {
        return start(store, clock, audit == null ? AccessControl.NO_AUDIT : audit,
                AccessControl.of(TestOffices.offices(), AccessControl.NO_AUDIT, clock).quotas());
    }

    /** Without quotas: the matrix calls each office far more than AU's quota allows. */
    private static DossierServer startUnthrottled(JdbcDossierStore store, Clock clock) throws Exception {
        return start(store, clock, AccessControl.NO_AUDIT, new QuotaLedger(office -> Quota.UNLIMITED, clock));
    }

    private static DossierServer start(JdbcDossierStore store, Clock clock, AuditTrail audit, QuotaLedger quotas)
            throws Exception {
        DossierService service = new DossierService(store, new NumberNormalizer(), new FamilyLookup(store),
                ServiceInfo.forOffices(TestDossiers.OFFICES), TestDialects.converter(),
                new AccessGate(TestOffices.offices().policy(), clock));
        return new DossierServer(ServerOptions.demo().withPort(0), service, TestKeys.signer(), new NodeMetrics(),
                new AccessControl(TestOffices.offices(), quotas, AccessControl.DEFAULT_TOKEN_TTL, clock, audit)).start();
    }

    private static Clock on(LocalDate date) {
        return Clock.fixed(date.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void no_dossier_leaks_in_any_cell_of_callers_holders_and_dates() throws Exception {
        AccessPolicy policy = TestOffices.offices().policy();
        List<String> callers = TestOffices.offices().offices().stream().map(Office::code).toList();
        int cells = 0;
        try (JdbcDossierStore store = TestDossiers.seededStore()) {
            for (LocalDate date : DATES) {
                try (DossierServer server = startUnthrottled(store, on(date))) {
                    for (String caller : callers) {
                        Document family = RawSoap.parse(call(server, caller, "GetFamily",
                                "<m:GetFamily xmlns:m=\"urn:dossierlink:messages:1\"><m:office>CN</m:office>"
                                        + "<m:number>201110123456</m:number><m:familyType>extended</m:familyType>"
                                        + "</m:GetFamily>").body());
                        for (Dossier holder : HOLDERS) {
                            String office = holder.application().office();
                            AccessDecision expected = policy.dossier(caller, office, date);
                            String cell = caller + " sees " + office + " on " + date + ": " + expected;
                            String member = "//m:member[m:application/d:office='" + office + "']";
                            assertThat(xpath(family, member + "/@dossierAvailable")).as(cell)
                                    .isEqualTo(Boolean.toString(expected.isAllowed()));
                            assertThat(xpath(family, member + "/@unavailableReason")).as(cell)
                                    .isEqualTo(expected.isAllowed() ? "" : expected.reason().wireName());
                            String key = "<m:office>" + office + "</m:office><m:applicationNumber>"
                                    + (office.equals("CN") ? holder.application().number() // the test's check digit is not CN's
                                    : holder.application().originalNumber()) + "</m:applicationNumber>";
                            for (String op : List.of("GetDocumentList", "GetBibliographicData")) {
                                HttpResponse<String> r = call(server, caller, op, "<m:" + op
                                        + " xmlns:m=\"urn:dossierlink:messages:1\">" + key + "</m:" + op + ">");
                                assertCell(r, expected, cell + " via " + op, holder);
                                cells++;
                            }
                        }
                        // the documents of EP one by one: JP's agreement covers search reports only
                        for (String id : List.of(TestDossiers.XML_DOC_ID, TestDossiers.PDF_DOC_ID)) {
                            DocumentGroup group = id.equals(TestDossiers.XML_DOC_ID) ? DocumentGroup.SEARCH
                                    : DocumentGroup.OFFICE_ACTION;
                            AccessDecision expected = policy.document(caller, "EP", date, group);
                            HttpResponse<String> r = call(server, caller, "GetDocument",
                                    "<m:GetDocument xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                                            + "<m:applicationNumber>10167109</m:applicationNumber><m:documentId>" + id
                                            + "</m:documentId></m:GetDocument>");
                            assertCell(r, expected, caller + " reads " + id + " on " + date + ": " + expected,
                                    TestDossiers.EP);
                            cells++;
                        }
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(DATES.size() * TestOffices.offices().offices().size() * (HOLDERS.size() * 2 + 2));
    }

    private static void assertCell(HttpResponse<String> r, AccessDecision expected, String cell, Dossier holder) {
        if (expected.isAllowed()) {
            assertThat(r.statusCode()).as(cell + "\n" + r.body()).isEqualTo(200);
            return;
        }
        Document fault = SoapFaults.assertFault(r, Version.SOAP11, "Client", "AccessDeniedFault", "ACCESS_DENIED");
        assertThat(xpath(fault, "//m:AccessDeniedFault/m:reason")).as(cell).isEqualTo(expected.reason().wireName());
        // nothing of the dossier: no title, no document, no publication, no bibliographic content
        assertThat(r.body()).as(cell).doesNotContain("Wireless mesh", "search-report", "2400812", "Example Corp",
                "dossier>", "document>");
        assertThat(holder).isNotNull();
    }

    @Test
    void a_quota_says_where_the_office_stands_and_refuses_with_a_retry_after() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:20Z"), ZoneOffset.UTC);
        try (JdbcDossierStore store = TestDossiers.seededStore(); DossierServer server = start(store, clock, null)) {
            String info = "<m:NormalizeNumber xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                    + "<m:number>10167109</m:number><m:numberType>application</m:numberType></m:NormalizeNumber>";
            for (int i = 1; i <= TestOffices.AU_REQUESTS_PER_MINUTE; i++) {
                HttpResponse<String> r = call(server, "AU", "NormalizeNumber", info);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Throttling-Control").orElseThrow())
                        .startsWith(i * 2 < TestOffices.AU_REQUESTS_PER_MINUTE ? "green" : i < 5 ? "yellow" : "red")
                        .contains("requests=" + i + "/" + TestOffices.AU_REQUESTS_PER_MINUTE + " per minute");
            }
            HttpResponse<String> over = call(server, "AU", "NormalizeNumber", info);
            Document fault = SoapFaults.assertFault(over, Version.SOAP11, "Client", "QuotaExceededFault", "QUOTA_EXCEEDED");
            assertThat(xpath(fault, "//m:QuotaExceededFault/m:retryAfterSeconds")).isEqualTo("40");
            assertThat(xpath(fault, "//m:QuotaExceededFault/m:reason")).isEqualTo("requests-per-minute");
            assertThat(over.headers().firstValue("Retry-After")).hasValue("40");
            assertThat(over.headers().firstValue("X-Throttling-Control").orElseThrow()).startsWith("black");
            // other offices are not affected; the demo office has no quota
            assertThat(call(server, "JP", "NormalizeNumber", info).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_bytes_of_the_answers_count_towards_the_day() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        try (JdbcDossierStore store = TestDossiers.seededStore(); DossierServer server = start(store, clock, null)) {
            // AU sees EP; the office action PDF is 200 KB, AU may receive 300,000 bytes a day
            String pdf = "<m:GetDocument xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                    + "<m:applicationNumber>10167109</m:applicationNumber><m:documentId>" + TestDossiers.PDF_DOC_ID
                    + "</m:documentId></m:GetDocument>";
            // the requests-per-minute quota (5) is not reached by these three calls
            assertThat(call(server, "AU", "GetDocument", pdf).statusCode()).isEqualTo(200);
            assertThat(call(server, "AU", "GetDocument", pdf).statusCode()).isEqualTo(200);
            HttpResponse<String> over = call(server, "AU", "GetDocument", pdf);
            Document fault = SoapFaults.assertFault(over, Version.SOAP11, "Client", "QuotaExceededFault", "QUOTA_EXCEEDED");
            assertThat(xpath(fault, "//m:QuotaExceededFault/m:reason")).isEqualTo("bytes-per-day");
            assertThat(xpath(fault, "//m:QuotaExceededFault/m:retryAfterSeconds")).isEqualTo(Long.toString(14 * 3600));
        }
    }

    @Test
    void every_access_is_in_the_chained_audit_log() throws Exception {
        try (JdbcDossierStore store = TestDossiers.seededStore()) {
            JdbcAuditLog audit = new JdbcAuditLog(store);
            try (DossierServer server = start(store, Clock.systemUTC(), audit)) {
                String list = "<m:GetDocumentList xmlns:m=\"urn:dossierlink:messages:1\"><m:office>%s</m:office>"
                        + "<m:applicationNumber>%s</m:applicationNumber></m:GetDocumentList>";
                assertThat(call(server, "JP", "GetDocumentList", list.formatted("EP", "10167109")).statusCode()).isEqualTo(200);
                assertThat(call(server, "JP", "GetDocumentList", list.formatted("US", "13/167,395")).statusCode()).isEqualTo(500);
                assertThat(call(server, "US", "GetDocumentList", list.formatted("EP", "10167109")).statusCode()).isEqualTo(500);
                assertThat(call(server, "JP", "GetDocumentList", list.formatted("JP", "2099-999999")).statusCode()).isEqualTo(500);
            }
            audit.flush();
            List<String> lines = new ArrayList<>();
            try (Stream<AuditRecord> records = audit.entries(null, null)) {
                records.forEach(r -> lines.add(r.entry().caller() + " " + r.entry().operation() + " [" + r.entry().target()
                        + "] " + r.entry().result() + " " + r.entry().reason()));
            }
            assertThat(lines).containsExactly(
                    "JP GetDocumentList [EP 10167109] allowed null",
                    "JP GetDocumentList [US 13/167,395] denied no-agreement",
                    "US GetDocumentList [EP 10167109] denied not-yet-started",
                    "JP GetDocumentList [JP 2099-999999] NOT_FOUND null");
            assertThat(audit.verify().intact()).isTrue();
            try (Stream<AuditRecord> records = audit.entries(null, null)) {
                assertThat(records.map(r -> r.entry().requestId())).allMatch(id -> id != null && !id.isBlank());
            }
            audit.close();
        }
    }
}
