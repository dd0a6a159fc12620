package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.dossierlink.config.ConfigException;
import org.dossierlink.dossier.DocumentGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offices.xml}: what a good file gives, and every kind of mistake named with its line. */
class OfficesTest {

    static final String SOURCE = "conf/offices.xml";
    /** A well-formed hash (parsing never derives, so its password does not matter). */
    static final String HASH = "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final String FINGERPRINT = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    static Offices parse(String xml) {
        return Offices.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SOURCE);
    }

    /** The problems a file has, one line each. */
    static List<String> problems(String xml) {
        try {
            parse(xml);
        } catch (ConfigException e) {
            List<String> lines = e.getMessage().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l).matches("conf/offices\\.xml:\\d+:\\d+: .+"));
            return lines;
        }
        throw new AssertionError("the file was accepted:\n" + xml);
    }

    /** Offices JP, AU and a body (agreements) after them; the body starts on line 6. */
    static String withOffices(String body) {
        return """
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing"/>
                  <office code="AU" name="IP Australia" role="providing-and-accessing"/>
                  <office code="GB" name="UK IPO" role="accessing-only"/>
                  <!-- line 5 -->
                """ + body + "</offices>\n";
    }

    @Test
    void aGoodFileGivesOfficesCredentialsQuotasAndAgreements() {
        Offices o = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <username-token username="jpo-gd" password-hash="%s"/>
                    <client-certificate sha256="%s"/>
                    <quota requests-per-minute="600" bytes-per-day="10737418240"/>
                  </office>
                  <office code="AU" name="IP Australia" role="accessing-only">
                    <quota bytes-per-day="1000"/>
                  </office>
                  <office code="GB" name="UK IPO" role="providing-and-accessing"/>
                  <agreement accessing="AU" providing="JP" start="2014-04-01"/>
                  <agreement accessing="GB" providing="JP" start="2014-04-01" end="2030-12-31" categories="office-action search"/>
                  <agreement accessing="JP" providing="GB" start="2020-01-01" confirmed="false"/>
                </offices>
                """.formatted(HASH, FINGERPRINT));
        assertThat(o.offices()).containsExactly(
                new Office("JP", "Japan Patent Office", OfficeRole.PROVIDING_AND_ACCESSING, new Quota(600, 10_737_418_240L)),
                new Office("AU", "IP Australia", OfficeRole.ACCESSING_ONLY, new Quota(0, 1000)),
                new Office("GB", "UK IPO", OfficeRole.PROVIDING_AND_ACCESSING, Quota.UNLIMITED));
        assertThat(o.office("GB").orElseThrow().quota().unlimited()).isTrue();
        assertThat(o.office("EP")).isEmpty();
        assertThat(o.agreements()).containsExactly(
                new Agreement("AU", "JP", LocalDate.of(2014, 4, 1), null, Set.of(), true),
                new Agreement("GB", "JP", LocalDate.of(2014, 4, 1), LocalDate.of(2030, 12, 31),
                        EnumSet.of(DocumentGroup.OFFICE_ACTION, DocumentGroup.SEARCH), true),
                new Agreement("JP", "GB", LocalDate.of(2020, 1, 1), null, Set.of(), false));
        UserCredential user = o.user("jpo-gd").orElseThrow();
        assertThat(user.office()).isEqualTo("JP");
        assertThat(user.password().encoded()).isEqualTo(HASH);
        assertThat(user.toString()).doesNotContain("AAAAAAAA");
        assertThat(o.user("JPO-GD")).isEmpty();
        assertThat(o.officeForCertificate(FINGERPRINT)).contains("JP");
        assertThat(o.officeForCertificate(FINGERPRINT.replace(":", "").toLowerCase())).contains("JP");
        assertThat(o.officeForCertificate("ab:cd")).isEmpty();
        assertThat(o.officeForCertificate(null)).isEmpty();
        assertThat(o.officeForCertificate(FINGERPRINT.replace("AB:CD:EF:01", "00:00:00:00"))).isEmpty();
    }

    @Test
    void theShippedSeedFileLoadsWithTheRealAgreements() {
        Offices o = Offices.load(Path.of("conf", "offices.xml"));
        assertThat(o.offices()).extracting(Office::code).containsExactly("EP", "US", "JP", "CN", "KR", "WO", "CA", "AU", "GB");
        assertThat(o.offices()).allSatisfy(office -> {
            assertThat(office.role()).isEqualTo(OfficeRole.PROVIDING_AND_ACCESSING);
            assertThat(office.quota().unlimited()).isFalse();
        });
        assertThat(o.users()).isEmpty();
        assertThat(o.certificates()).isEmpty();
        AccessPolicy p = o.policy();
        LocalDate start = LocalDate.of(2014, 4, 1);
        for (String partner : List.of("AU", "GB")) {
            assertThat(p.dossier(partner, "JP", start).isAllowed()).as(partner).isTrue();
            assertThat(p.dossier(partner, "JP", LocalDate.of(2026, 11, 26)).isAllowed()).as(partner).isTrue();
            AccessDecision before = p.dossier(partner, "JP", start.minusDays(1));
            assertThat(before.reason()).isEqualTo(DenialReason.NOT_YET_STARTED);
            assertThat(before.message()).isEqualTo("JP shares dossiers with " + partner
                    + " from 2014-04-01; on 2014-03-31 that agreement has not started");
        }
        AccessDecision ca = p.dossier("CA", "JP", LocalDate.of(2020, 1, 1));
        assertThat(ca.reason()).isEqualTo(DenialReason.PENDING_CONFIRMATION);
        assertThat(ca.message()).contains("JP", "CA", "2014-04-01", "confirmed");
        assertThat(p.dossier("JP", "AU", LocalDate.of(2020, 1, 1)).reason()).isEqualTo(DenialReason.NO_AGREEMENT);
        assertThat(p.dossier("JP", "JP", LocalDate.of(2020, 1, 1))).isSameAs(AccessDecision.allowed());
        assertThat(p.document("GB", "JP", start, DocumentGroup.GRANT)).isSameAs(AccessDecision.allowed());
    }

    @Test
    void xmllintAgreesTheSeedFileFollowsTheSchema() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("xmllint", "--nonet", "--noout", "--schema", "xsd/offices.xsd", "conf/offices.xml")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("xmllint is not installed (Debian libxml2-utils)");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("conf/offices.xml validates");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("offices.xml");
        assertThatThrownBy(() -> Offices.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ": offices file not found (access.offices)");
    }

    @Test
    void loadNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("offices.xml");
        Files.writeString(f, withOffices("<agreement accessing=\"AU\" providing=\"ZZ\" start=\"2014-04-01\"/>\n"));
        assertThatThrownBy(() -> Offices.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":6:");
    }

    @Test
    void malformedXmlIsReportedWithLineAndColumn() {
        assertThat(problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                </offices>
                """)).singleElement().satisfies(l -> assertThat(l)
                .startsWith("conf/offices.xml:3:").contains("not well-formed XML: ").contains("office"));
        assertThat(problems("")).singleElement().satisfies(l -> assertThat(l).contains("not well-formed XML"));
    }

    @Test
    void aDoctypeIsRefused() {
        assertThat(problems("""
                <?xml version="1.0"?>
                <!DOCTYPE offices [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <offices xmlns="urn:dossierlink:offices:1">&x;</offices>
                """)).singleElement().satisfies(l -> assertThat(l).startsWith("conf/offices.xml:2:").contains("DOCTYPE"));
    }

    @Test
    void schemaViolationsAreReportedReadably() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing"/>
                  <office code="AU" role="providing-and-accessing"/>
                  <agreement accessing="AU" providing="JP"/>
                  <agreement accessing="AU" providing="JP" start="2014-13-01" confirmed="maybe"/>
                  <office code="GB" name="UK IPO" role="providing-and-accessing"/>
                </offices>
                """);
        assertThat(p).anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:2:").contains("providing")
                        .contains("providing-and-accessing, accessing-only"))
                .anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:3:").contains("Attribute 'name' must appear on element 'office'"))
                .anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:4:").contains("Attribute 'start' must appear on element 'agreement'"))
                .anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:5:").contains("2014-13-01"))
                .anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:5:").contains("maybe"))
                .anySatisfy(l -> assertThat(l).startsWith("conf/offices.xml:6:").contains("office"));
        assertThat(p).noneMatch(l -> l.contains("cvc-") || l.contains("urn:dossierlink") || l.contains("{"));
        assertThat(p).contains("conf/offices.xml:5:82: attribute 'start' of <agreement>: '2014-13-01' is not a date written YYYY-MM-DD",
                "conf/offices.xml:5:82: attribute 'confirmed' of <agreement>: 'maybe' is not true or false");
    }

    @Test
    void anotherRootElementIsASchemaViolation() {
        assertThat(problems("<agreements/>")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("conf/offices.xml:1:").contains("agreements"));
    }

    @Test
    void officeCodesAreSt3CodesConfiguredOnce() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing"/>
                  <office code="jp" name="again" role="providing-and-accessing"/>
                  <office code="JPO" name="again" role="providing-and-accessing"/>
                  <office code="ZZ" name="nobody" role="providing-and-accessing"/>
                  <office code="JP" name="twice" role="providing-and-accessing"/>
                  <office code="EP" name=" " role="providing-and-accessing"/>
                </offices>
                """);
        assertThat(p).containsExactly(
                "conf/offices.xml:3:66: office code 'jp' must be a two-letter WIPO ST.3 code in upper case (such as JP, EP, WO)",
                "conf/offices.xml:4:67: office code 'JPO' must be a two-letter WIPO ST.3 code in upper case (such as JP, EP, WO)",
                "conf/offices.xml:5:67: office code 'ZZ' is not a WIPO ST.3 code",
                "conf/offices.xml:6:66: office JP is configured twice (first at line 2)",
                "conf/offices.xml:7:62: office EP has an empty name");
    }

    @Test
    void anAgreementNamesTwoDifferentConfiguredOffices() {
        assertThat(problems(withOffices("""
                <agreement accessing="AU" providing="CN" start="2014-04-01"/>
                <agreement accessing="US" providing="JP" start="2014-04-01"/>
                <agreement accessing="JP" providing="JP" start="2014-04-01"/>
                <agreement accessing="au" providing="JP" start="2014-04-01"/>
                """))).containsExactly(
                "conf/offices.xml:6:62: providing office CN is not configured: add an <office code=\"CN\"> element,"
                        + " or correct the code (configured: JP, AU, GB)",
                "conf/offices.xml:7:62: accessing office US is not configured: add an <office code=\"US\"> element,"
                        + " or correct the code (configured: JP, AU, GB)",
                "conf/offices.xml:8:62: agreement with JP as both accessing and providing office: an office always sees"
                        + " its own dossiers; an agreement is between two different offices",
                "conf/offices.xml:9:62: accessing office 'au' must be a two-letter WIPO ST.3 code in upper case (such as JP, EP, WO)");
    }

    @Test
    void anAgreementDoesNotEndBeforeItStarts() {
        assertThat(problems(withOffices("""
                <agreement accessing="AU" providing="JP" start="2014-04-01" end="2014-03-31"/>
                <agreement accessing="AU" providing="JP" start="2014-04-01" end="2014-04-01"/>
                """))).containsExactly("conf/offices.xml:6:79: agreement JP to AU ends 2014-03-31, before it starts"
                + " 2014-04-01 (end is the last day of sharing, start the first)");
    }

    @Test
    void aDateWithATimeZoneIsRefused() {
        assertThat(problems(withOffices("<agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01Z\"/>\n")))
                .containsExactly("conf/offices.xml:6:63: start '2014-04-01Z' must be a date written YYYY-MM-DD, without time zone");
    }

    @Test
    void categoriesAreDocumentGroups() {
        assertThat(problems(withOffices("""
                <agreement accessing="AU" providing="JP" start="2014-04-01" categories="office-action searches OTHER"/>
                <agreement accessing="AU" providing="JP" start="2014-04-01" categories=" "/>
                """))).containsExactly(
                "conf/offices.xml:6:104: unknown document categories 'OTHER', 'searches' (categories: application,"
                        + " office-action, search, citation, applicant-reply, grant, other)",
                "conf/offices.xml:7:77: categories is empty: list the categories shared (application, office-action,"
                        + " search, citation, applicant-reply, grant, other), or leave the attribute out to share all");
        assertThat(parse(withOffices("<agreement accessing=\"AU\" providing=\"JP\" start=\"2014-04-01\" categories=\""
                + String.join(" ", java.util.Arrays.stream(DocumentGroup.values()).map(DocumentGroup::wireName).toList())
                + "\"/>\n")).agreements().get(0).categories()).containsExactlyInAnyOrder(DocumentGroup.values());
    }

    @Test
    void usernamesAreUniqueAndPasswordHashesWellFormed() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <username-token username="jpo-gd" password-hash="%1$s"/>
                    <username-token username="jpo bad" password-hash="%1$s"/>
                  </office>
                  <office code="AU" name="IP Australia" role="providing-and-accessing">
                    <username-token username="jpo-gd" password-hash="%1$s"/>
                    <username-token username="ipa" password-hash="secret"/>
                    <username-token username="ipa2" password-hash="pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/>
                    <username-token username="ipa3" password-hash="pbkdf2-sha256$210000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/>
                  </office>
                </offices>
                """.formatted(HASH));
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).startsWith("conf/offices.xml:4:").endsWith(
                "username 'jpo bad' must be 1 to 64 letters, digits, dots, dashes, underscores or @");
        assertThat(p.get(1)).startsWith("conf/offices.xml:7:").endsWith("username 'jpo-gd' is configured twice (first at line 3)");
        assertThat(p.get(2)).startsWith("conf/offices.xml:8:").contains("password-hash of user 'ipa': a password hash has the form");
        assertThat(p.get(3)).startsWith("conf/offices.xml:9:").contains("password-hash of user 'ipa2': the password hash uses 1000 iterations; at least 210000");
        assertThat(p.get(4)).startsWith("conf/offices.xml:10:").contains("password-hash of user 'ipa3': the salt is 3 bytes; it must be 16");
    }

    @Test
    void certificateFingerprintsAreSha256AndNameOneOffice() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <client-certificate sha256="%1$s"/>
                    <client-certificate sha256="AB:CD:EF"/>
                  </office>
                  <office code="AU" name="IP Australia" role="providing-and-accessing">
                    <client-certificate sha256="%2$s"/>
                  </office>
                </offices>
                """.formatted(FINGERPRINT, FINGERPRINT.replace(":", "").toLowerCase()));
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("conf/offices.xml:4:").contains("client-certificate sha256 'AB:CD:EF' is not a SHA-256 fingerprint");
        assertThat(p.get(1)).startsWith("conf/offices.xml:7:").contains("is configured twice (first at line 3); a certificate identifies one office");
    }

    @Test
    void quotasArePositive() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <quota requests-per-minute="0" bytes-per-day="-5"/>
                  </office>
                  <office code="AU" name="IP Australia" role="providing-and-accessing">
                    <quota requests-per-minute="3000000000"/>
                  </office>
                  <office code="GB" name="UK IPO" role="providing-and-accessing">
                    <quota/>
                  </office>
                  <office code="EP" name="EPO" role="providing-and-accessing">
                    <quota bytes-per-day="ten"/>
                  </office>
                </offices>
                """);
        assertThat(p).hasSize(5);
        assertThat(p.get(0)).startsWith("conf/offices.xml:3:").endsWith("requests-per-minute must be a positive whole number"
                + " (1 to 2147483647; leave it out for no limit), found '0'");
        assertThat(p.get(1)).startsWith("conf/offices.xml:3:").contains("bytes-per-day must be a positive whole number", "found '-5'");
        assertThat(p.get(2)).startsWith("conf/offices.xml:6:").contains("requests-per-minute", "found '3000000000'");
        assertThat(p.get(3)).startsWith("conf/offices.xml:9:").endsWith("quota sets no limit: give requests-per-minute,"
                + " bytes-per-day or both, or leave the element out");
        assertThat(p.get(4)).startsWith("conf/offices.xml:12:").contains("bytes-per-day", "found 'ten'");
    }

    @Test
    void everyProblemOfAFileIsReportedTogether() {
        List<String> p = problems("""
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <username-token username="jpo-gd" password-hash="nope"/>
                  </office>
                  <office code="JP" name="Japan again" role="accessing-only"/>
                  <office code="AU" name="IP Australia" role="accessing-only" colour="blue"/>
                  <agreement accessing="AU" providing="XX" start="2014-04-01"/>
                  <agreement accessing="AU" providing="JP" start="2014-04-01" end="2013-01-01" categories="letters"/>
                </offices>
                """);
        assertThat(p).extracting(l -> l.split(":")[1]).containsExactly("3", "5", "6", "7", "8", "8");
    }
}
