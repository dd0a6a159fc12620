package org.dossierlink.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.dossierlink.DossierlinkException.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written table of office formats, with the DOCDB form each must give. */
class NumberNormalizerTest {

    private final NumberNormalizer normalizer = new NumberNormalizer();

    @ParameterizedTest(name = "{0} {1} ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            EP | APPLICATION | EP 05255002.7         | EP.05255002.A
            EP | APPLICATION | 05255002.7            | EP.05255002.A
            EP | APPLICATION | 05255002              | EP.05255002.A
            EP | APPLICATION | EP20100167109         | EP.10167109.A
            EP | APPLICATION | EP.10167109.A         | EP.10167109.A
            ep | APPLICATION | ep 10167109.7         | EP.10167109.A
            EP | PUBLICATION | EP 1 612 402 A1       | EP.1612402.A1
            EP | PUBLICATION | EP.2400812.A1         | EP.2400812.A1
            EP | PUBLICATION | EP 2400812 A1         | EP.2400812.A1
            EP | PUBLICATION | EP2400812A1           | EP.2400812.A1
            EP | PUBLICATION | EP2400812             | EP.2400812
            EP | PUBLICATION | EP-A- 0 529 854       | EP.0529854.A
            US | APPLICATION | 13/167,395            | US.13167395.A
            US | APPLICATION | US 13/167,395         | US.13167395.A
            US | APPLICATION | 201113167395          | US.201113167395.A
            US | APPLICATION | US201113167395        | US.201113167395.A
            US | APPLICATION | US 60/984,910         | US.60984910.P
            US | APPLICATION | 201462081944P         | US.201462081944.P
            US | APPLICATION | US201261713164P       | US.201261713164.P
            US | APPLICATION | 516238 P              | US.516238.P
            US | APPLICATION | 29/123,456            | US.29123456.F
            US | PRIORITY    | 61/713,164            | US.61713164.P
            US | PUBLICATION | US 2012/0123456 A1    | US.2012123456.A1
            US | PUBLICATION | 20120123456           | US.2012123456
            US | PUBLICATION | US2012057518          | US.2012057518
            US | PUBLICATION | US 7,123,456          | US.7123456
            US | PUBLICATION | 7,123,456 B2          | US.7123456.B2
            US | PUBLICATION | 08926509              | US.8926509
            US | PUBLICATION | US9231827B2           | US.9231827.B2
            US | PUBLICATION | RE41234               | US.RE41234
            US | PUBLICATION | US RE41234 E          | US.RE41234.E
            US | PUBLICATION | USD654321S            | US.D654321.S
            JP | APPLICATION | JP 2013-123456        | JP.2013123456.A
            JP | APPLICATION | JP2013-123456         | JP.2013123456.A
            JP | APPLICATION | 2013-123456           | JP.2013123456.A
            JP | APPLICATION | 特願2013-123456        | JP.2013123456.A
            JP | APPLICATION | 特願２０１３－１２３４５６     | JP.2013123456.A
            JP | APPLICATION | 平成25年特許願第123456号   | JP.2013123456.A
            JP | APPLICATION | H25-123456            | JP.2013123456.A
            JP | APPLICATION | P2009-214944          | JP.2009214944.A
            JP | APPLICATION | JP20130123456         | JP.2013123456.A
            JP | APPLICATION | 2013-1234             | JP.2013001234.A
            JP | APPLICATION | H11-001316            | JP.131699.A
            JP | APPLICATION | 特願平11-123456         | JP.12345699.A
            JP | APPLICATION | 1999-123456           | JP.12345699.A
            JP | APPLICATION | 131699                | JP.131699.A
            JP | APPLICATION | JP19990123456         | JP.12345699.A
            JP | PUBLICATION | 2010-43647            | JP.2010043647
            JP | PUBLICATION | P2010-43647A          | JP.2010043647.A
            JP | PUBLICATION | 特開2010-043647        | JP.2010043647
            JP | PUBLICATION | 特許第5503096号         | JP.5503096
            JP | PUBLICATION | H11-123456            | JP.H11123456
            JP | PUBLICATION | 特開昭63-12345          | JP.S63012345
            JP | PUBLICATION | 特表2021-509175        | JP.2021509175
            JP | APPLICATION | 特願 2013-123456       | JP.2013123456.A
            WO | APPLICATION | PCT/US2016/015853     | WO.2016US015853.W
            WO | APPLICATION | PCT/US09/54677        | WO.2009US054677.W
            WIPO | APPLICATION | pct/us2016/015853   | WO.2016US015853.W
            PCT | APPLICATION | WO2016US15853        | WO.2016US015853.W
            US | APPLICATION | PCT/US2016/015853     | WO.2016US015853.W
            JP | PRIORITY    | PCT/JP2018/015561     | WO.2018JP015561.W
            US | APPLICATION | US.2016015853.W       | WO.2016US015853.W
            US | APPLICATION | US2016/015853         | WO.2016US015853.W
            WO | APPLICATION | KR2018016728          | WO.2018KR016728.W
            CH | APPLICATION | CH.0200573.W          | WO.2002CH000573.W
            WO | APPLICATION | CH0200573W            | WO.2002CH000573.W
            WO | PUBLICATION | WO 03073013 A1        | WO.03073013.A1
            WO | PUBLICATION | WO2018148832A1        | WO.2018148832.A1
            WO | PUBLICATION | WO 2018/148832 A1     | WO.2018148832.A1
            EP | PUBLICATION | WO2018148832A1        | WO.2018148832.A1
            CN | APPLICATION | 201110076986.7        | CN.201110076986.A
            CN | APPLICATION | CN 201110076986.7     | CN.201110076986.A
            CN | APPLICATION | 202111286633.X        | CN.202111286633.A
            CN | APPLICATION | ZL201110076986.7      | CN.201110076986.A
            CN | APPLICATION | CN ZL 201110076986.7  | CN.201110076986.A
            CN | APPLICATION | 2013800622588         | CN.201380062258.A
            CN | APPLICATION | CN20138062258         | CN.201380062258.A
            CN | APPLICATION | 201120123456.9        | CN.201120123456.U
            CN | APPLICATION | 02123456.7            | CN.02123456.A
            CN | APPLICATION | 201130123456.4        | CN.201130123456.F
            CN | PUBLICATION | CN 102298232 A        | CN.102298232.A
            KR | APPLICATION | 10-2016-0063019       | KR.20160063019.A
            KR | APPLICATION | 2008-0124668          | KR.20080124668.A
            KR | APPLICATION | KR 10-2008-0124668    | KR.20080124668.A
            KR | APPLICATION | 20-2016-0001234       | KR.20160001234.U
            KR | PUBLICATION | 10-2010-0066036       | KR.20100066036
            KR | PUBLICATION | 10-1503659            | KR.101503659
            KR | PUBLICATION | KR101503659B1         | KR.101503659.B1
            AU | APPLICATION | AU2011221359          | AU.2011221359.A
            AU | PUBLICATION | AU 2011221359 A1      | AU.2011221359.A1
            CA | APPLICATION | 2744162               | CA.2744162.A
            CA | APPLICATION | CA 2,744,162          | CA.2744162.A
            CA | APPLICATION | CA20112744162         | CA.2744162.A
            CA | PUBLICATION | CA2300029C            | CA.2300029.C
            GB | APPLICATION | GB1234567.8           | GB.1234567.A
            GB | APPLICATION | GB20170002530         | GB.1702530.A
            GB | PUBLICATION | GB 2 345 678 A        | GB.2345678.A
            RU | PUBLICATION | RU2015124071          | RU.2015124071
            DE | PUBLICATION | DE102010012345A1      | DE.102010012345.A1
            CH | PRIORITY    | 1974/01               | CH.197401
            """)
    void normalisesToDocdb(String office, NumberType type, String text, String docdb) {
        NormalizedNumber n = normalizer.normalize(office, text, type);
        assertThat(n.docdb()).isEqualTo(docdb);
        assertThat(n.type()).isEqualTo(type);
        assertThat(n.original()).isEqualTo(text.strip());
        // The DOCDB form is itself accepted and normalises to itself.
        NormalizedNumber again = normalizer.normalize(n.country(), n.docdb(), type);
        assertThat(again.docdb()).isEqualTo(docdb);
        if (again.st13() != null) { // old DOCDB forms (JP.131699.A) no longer show the year
            assertThat(again.st13()).isEqualTo(n.st13());
        }
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> st13 {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            KR | 10-2016-0063019   | KR1020160063019
            KR | 20-2016-0001234   | KR2020160001234
            CN | 202111286633.X    | CN102021001286633
            CN | 201120123456.9    | CN202011000123456
            CN | 200880114428.1    | null
            JP | 2013-123456       | JP102013123456
            JP | H11-123456        | JP101999123456
            JP | 131699            | null
            EP | 05255002.7        | EP102005255002
            EP | 98123456          | EP101998123456
            AU | AU2011221359      | AU102011221359
            GB | 1702530.5         | GB10201702530
            US | 13/167,395        | null
            US | 201113167395      | US10201113167395
            WO | PCT/US2016/015853 | null
            CA | 2744162           | null
            DE | 102010012345      | null
            """)
    void st13(String office, String text, String st13) {
        assertThat(normalizer.normalize(office, text, NumberType.APPLICATION).st13()).isEqualTo(st13);
    }

    @Test
    void publicationsHaveNoSt13() {
        assertThat(normalizer.normalize("KR", "10-2010-0066036", NumberType.PUBLICATION).st13()).isNull();
        assertThat(normalizer.normalize("EP", "EP1612402", NumberType.PUBLICATION).st13()).isNull();
    }

    @ParameterizedTest(name = "US ''{0}'' filed {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            13/167,395    | 2011-06-23 | US.201113167395.A
            13167395      | 2011-06-23 | US.201113167395.A
            201113167395  | 2011-06-23 | US.201113167395.A
            60/984,910    | 2007-11-02 | US.98491007.P
            516238 P      | 2003-10-31 | US.51623803.P
            516238 P      | 2007-12-15 | US.516238.P
            61/713,164    | 2012-10-12 | US.201261713164.P
            62/359,703    | 2016-07-07 | US.201662359703.P
            29/123,456    | 2010-05-01 | US.12345610.F
            29/123,456    | 2011-05-01 | US.201129123456.F
            12/999,999    | 2011-01-03 | US.99999911.A
            11/553,130    | 2006-10-26 | US.55313006.A
            55313006      | 2006-10-26 | US.55313006.A
            09/265,629    | 1999-03-09 | US.26562999.A
            26562999      | 1999-03-09 | US.26562999.A
            """)
    void usApplicationWithFilingDateGivesDocdbYearForm(String text, String date, String docdb) {
        NormalizedNumber n = normalizer.normalize("US", text, NumberType.APPLICATION, LocalDate.parse(date));
        assertThat(n.docdb()).isEqualTo(docdb);
        // DOCDB data needs no filing date: read back, it keeps its number and kind.
        assertThat(normalizer.normalize("US", n.docdb(), NumberType.APPLICATION).docdb()).isEqualTo(docdb);
    }

    @Test
    void keyIsCountryAndNumberAndMatchesDocdbDataWhenTheDateIsKnown() {
        NormalizedNumber written = normalizer.normalize("US", "13/167,395", NumberType.APPLICATION,
                LocalDate.of(2011, 6, 23));
        NormalizedNumber docdb = normalizer.normalize("US", "US.201113167395.A", NumberType.APPLICATION);
        assertThat(written.key()).isEqualTo("US201113167395").isEqualTo(docdb.key());
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> DOCDB exchange form {2}")
    @CsvSource(delimiter = '|', textBlock = """
            WO | PCT/US2016/015853  | US.2016015853.W
            WO | PCT/CA2018/050171  | CA.2018050171.W
            WO | PCT/CH02/00573     | CH.0200573.W
            EP | 05255002.7         | EP.05255002.A
            US | 201113167395       | US.201113167395.A
            """)
    void docdbExchangeFormFilesPctApplicationsUnderTheReceivingOffice(String office, String text, String expected) {
        NormalizedNumber n = normalizer.normalize(office, text, NumberType.APPLICATION);
        assertThat(normalizer.docdbExchangeForm(n)).isEqualTo(expected);
        // and the exchange form reads back to the same number
        String ro = expected.substring(0, 2);
        assertThat(normalizer.normalize(ro, expected, NumberType.APPLICATION)).isEqualTo(
                new NormalizedNumber(n.country(), n.number(), n.kind(), n.type(), expected, n.st13()));
    }

    @Test
    void priorityUsesApplicationRulesAndReportsPriority() {
        NormalizedNumber n = normalizer.normalize("JP", "2004351438", NumberType.PRIORITY);
        assertThat(n.docdb()).isEqualTo("JP.2004351438.A");
        assertThat(n.type()).isEqualTo(NumberType.PRIORITY);
        assertThat(n.st13()).isEqualTo("JP102004351438");
    }

    @Test
    void nullTypeMeansApplication() {
        NormalizedNumber n = normalizer.normalize("EP", "05255002.7", null);
        assertThat(n.type()).isEqualTo(NumberType.APPLICATION);
        assertThat(n.docdb()).isEqualTo("EP.05255002.A");
    }

    @Test
    void officeIsTrimmedAndCaseInsensitiveAndOriginalIsTrimmed() {
        NormalizedNumber n = normalizer.normalize("  jp ", "  2013-123456 ", NumberType.APPLICATION);
        assertThat(n.country()).isEqualTo("JP");
        assertThat(n.original()).isEqualTo("2013-123456");
    }

    @Test
    void knownOffices() {
        assertThat(normalizer.knownOffices())
                .contains("AU", "CA", "CN", "EP", "GB", "JP", "KR", "US", "WO", "DE", "FR", "RU", "EA", "SU")
                .doesNotContain("WIPO", "PCT", "ZZ");
        assertThat(normalizer.isKnownOffice(" wipo ")).isTrue();
        assertThat(normalizer.isKnownOffice("PCT")).isTrue();
        assertThat(normalizer.isKnownOffice("ZZ")).isFalse();
        assertThat(normalizer.isKnownOffice(null)).isFalse();
        assertThat(normalizer.isKnownOffice("EPO")).isFalse();
        assertThatThrownBy(() -> normalizer.knownOffices().add("ZZ")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownOfficeSaysWhichCodesAreKnown() {
        assertThatThrownBy(() -> normalizer.normalize("EPO", "05255002.7", NumberType.APPLICATION))
                .isInstanceOfSatisfying(UnknownOfficeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_OFFICE);
                    assertThat(e.field()).isEqualTo("office");
                    assertThat(e.getMessage()).contains("'EPO'", "ST.3",
                            "AU, CA, CN, EP, GB, JP, KR, US, WO", "WIPO");
                });
        assertThatThrownBy(() -> normalizer.normalize(null, "1", NumberType.APPLICATION))
                .isInstanceOf(UnknownOfficeException.class);
        assertThatThrownBy(() -> normalizer.normalize("", "1", NumberType.APPLICATION))
                .isInstanceOf(UnknownOfficeException.class);
    }

    @ParameterizedTest(name = "{0} {1} ''{2}'' is malformed")
    @CsvSource(delimiter = '|', textBlock = """
            EP | APPLICATION | hello
            EP | APPLICATION | 05255002.8
            EP | APPLICATION | 1612402
            EP | PUBLICATION | 05255002.7
            EP | APPLICATION | 12345
            US | APPLICATION | 13/167
            US | APPLICATION | 00/123,456
            US | APPLICATION | 13/167,395 P
            US | PUBLICATION | 13/167,395
            JP | APPLICATION | 2013-1234567
            JP | APPLICATION | H32-123456
            JP | PUBLICATION | 特願2013-123456
            JP | APPLICATION | 特開2010-043647
            JP | APPLICATION | 特願abc
            CN | APPLICATION | 201110076986.3
            CN | APPLICATION | 201100076986.7
            CN | APPLICATION | 2013800622580
            CN | APPLICATION | 20110076986.7
            KR | APPLICATION | 10-2016-006301
            WO | APPLICATION | PCT/ZZ2016/015853
            WO | APPLICATION | PCT/US2016
            WO | PUBLICATION | PCT/US2016/015853
            WO | APPLICATION | WO2018148832A1
            JP | APPLICATION | EP 05255002.7
            US | APPLICATION | JP 2013-123456
            EP | PUBLICATION | US 7,123,456
            KR | APPLICATION | CN201110076986.7
            DE | APPLICATION | 1
            EP | PUBLICATION | EP 0000000
            US | APPLICATION | 60/984,910特願
            CN | APPLICATION | 05255002.7第
            US | PUBLICATION | 特開2010-043647
            JP | APPLICATION | 2013-123456号99
            WO | PUBLICATION | WO12345678U
            JP | APPLICATION | 0054677
            CA | PUBLICATION | 002013
            DE | APPLICATION | !!!
            EP | PUBLICATION | EP-A-2400812 B1
            """)
    void malformed(String office, NumberType type, String text) {
        assertThatThrownBy(() -> normalizer.normalize(office, text, type))
                .isInstanceOfSatisfying(MalformedNumberException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_NUMBER);
                    assertThat(e.field()).isEqualTo("number");
                    assertThat(e.getMessage()).contains("'" + text + "'").contains("for example");
                });
    }

    @Test
    void malformedMessagesNameOfficeTextReasonAndAnExample() {
        assertThatThrownBy(() -> normalizer.normalize("EP", "05255002.8", NumberType.APPLICATION))
                .hasMessage("'05255002.8' is not a valid EP application number: check digit 8 does not match 05255002"
                        + " (expected 7). Accepted forms, for example: EP 05255002.7, 05255002, EP.05255002.A,"
                        + " EP20050255002 (epodoc)");
        assertThatThrownBy(() -> normalizer.normalize("JP", "EP 05255002.7", NumberType.APPLICATION))
                .hasMessageContaining("the country prefix EP contradicts office JP")
                .hasMessageContaining("2013-123456");
        assertThatThrownBy(() -> normalizer.normalize("WO", "KR2018", NumberType.APPLICATION))
                .hasMessageContaining("matches none of the WO formats")
                .hasMessageContaining("PCT/US2016/015853");
        assertThatThrownBy(() -> normalizer.normalize("US", "PCT/US2016/015853", NumberType.PUBLICATION))
                .hasMessageContaining("not a publication number");
        assertThatThrownBy(() -> normalizer.normalize("CN", "201110076986.3", NumberType.APPLICATION))
                .hasMessageContaining("check digit 3 does not match 201110076986 (expected 7)");
        assertThatThrownBy(() -> normalizer.normalize("US", "hello", NumberType.PUBLICATION))
                .hasMessageContaining("'hello' is not a valid US publication number")
                .hasMessageContaining("US 2012/0123456 A1");
    }

    @Test
    void overlongTextIsRefusedBeforeAnyPatternRuns() {
        String text = "1".repeat(10_000);
        assertThatThrownBy(() -> normalizer.normalize("DE", text, NumberType.APPLICATION))
                .isInstanceOf(MalformedNumberException.class)
                .hasMessageContaining("longer than any patent number (10000 characters)");
    }

    @Test
    void emptyOrNullNumberIsMalformed() {
        for (String text : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> normalizer.normalize("EP", text, NumberType.APPLICATION))
                    .isInstanceOf(MalformedNumberException.class)
                    .hasMessageContaining("no number given");
        }
    }

    @Test
    void sharedInstanceGivesSameAnswersFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> n % 2 == 0
                        ? normalizer.normalize("US", "US 2012/0123456 A1", NumberType.PUBLICATION).docdb()
                        : normalizer.normalize("KR", "10-2016-0063019", NumberType.APPLICATION).docdb()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "US.2012123456.A1" : "KR.20160063019.A");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
