package org.dossierlink.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Offices;
import org.dossierlink.access.PasswordHash;
import org.dossierlink.server.AccessControl;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SigningKey;

/**
 * The offices, agreements, credentials and keys of the server tests, made once per JVM.
 * <ul>
 * <li>JP sees EP from 2014-04-01, search reports only; US sees EP from 2099-01-01 (not yet started); CN saw
 * EP from 2012-01-01 to 2015-12-31 (ended); KR's agreement with EP is not confirmed; GB is accessing-only
 * and sees JP from 2014-04-01; WO has no agreement; AU holds a quota of 5 requests a minute and 300,000
 * bytes a day and sees EP.</li>
 * <li>JP authenticates as {@link #JP_USER} with {@link #JP_PASSWORD}; EP with the TLS client certificate
 * {@link #epClient()}.</li>
 * </ul>
 */
public final class TestOffices {

    public static final String JP_USER = "jpo-examiner";
    public static final String JP_PASSWORD = "correct horse battery staple JP";
    public static final String AU_USER = "ipa-examiner";
    public static final String AU_PASSWORD = "correct horse battery staple AU";
    public static final int AU_REQUESTS_PER_MINUTE = 5;

    private static final PasswordHash JP_HASH = PasswordHash.create(JP_PASSWORD.toCharArray());
    private static final PasswordHash AU_HASH = PasswordHash.create(AU_PASSWORD.toCharArray());
    private static final SigningKey SERVER_TLS = SelfSignedKeys.generateTls("tls", "CN=localhost, O=dossierlink tests",
            List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
    private static final SigningKey EP_CLIENT = SelfSignedKeys.generateTls("ep-client", "CN=EPO client, O=dossierlink tests",
            List.of(), Duration.ofDays(30));
    private static final SigningKey STRANGER_CLIENT = SelfSignedKeys.generateTls("stranger", "CN=stranger, O=nobody",
            List.of(), Duration.ofDays(30));
    private static final Offices OFFICES = Offices.parse(new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8)),
            "test-offices.xml");

    private TestOffices() {
    }

    public static Offices offices() {
        return OFFICES;
    }

    /** The agreements applied on the system clock's date. */
    public static AccessGate gate() {
        return new AccessGate(OFFICES.policy(), Clock.systemUTC());
    }

    public static AccessControl access(Clock clock) {
        return AccessControl.of(OFFICES, AccessControl.NO_AUDIT, clock);
    }

    /** The PasswordDigest secret of {@link #JP_USER}. */
    public static String jpDigestKey() {
        return JP_HASH.digestKey();
    }

    /** The PasswordDigest secret of {@link #AU_USER}. */
    public static String auDigestKey() {
        return AU_HASH.digestKey();
    }

    /** The server's HTTPS key (CN=localhost, SAN localhost and 127.0.0.1). */
    public static SigningKey serverTls() {
        return SERVER_TLS;
    }

    /** EP's registered TLS client certificate and key. */
    public static SigningKey epClient() {
        return EP_CLIENT;
    }

    /** A client certificate no office has registered. */
    public static SigningKey strangerClient() {
        return STRANGER_CLIENT;
    }

    /** Production options: HTTPS with {@link #serverTls()}, every call authenticated, a free port. */
    public static ServerOptions securedOptions() {
        return ServerOptions.secured(new ServerOptions.Tls(keyStore(SERVER_TLS, "tls-test-password"),
                "tls-test-password".toCharArray())).withPort(0);
    }

    /** A PKCS#12 keystore in memory holding one key. */
    public static KeyStore keyStore(SigningKey key, String password) {
        return SelfSignedKeys.keyStore(key, password.toCharArray());
    }

    /** A keystore holding only {@code key}'s certificate, for a client that trusts exactly it. */
    public static KeyStore trustStore(SigningKey key) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry(key.alias(), key.certificate());
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml() {
        return """
                <offices xmlns="urn:dossierlink:offices:1">
                  <office code="EP" name="European Patent Office" role="providing-and-accessing">
                    <client-certificate sha256="%s"/>
                  </office>
                  <office code="US" name="United States Patent and Trademark Office" role="providing-and-accessing"/>
                  <office code="JP" name="Japan Patent Office" role="providing-and-accessing">
                    <username-token username="%s" password-hash="%s"/>
                  </office>
                  <office code="CN" name="China National Intellectual Property Administration" role="providing-and-accessing"/>
                  <office code="KR" name="Korean Intellectual Property Office" role="providing-and-accessing"/>
                  <office code="WO" name="International Bureau of WIPO" role="providing-and-accessing"/>
                  <office code="GB" name="UK Intellectual Property Office" role="accessing-only"/>
                  <office code="AU" name="IP Australia" role="providing-and-accessing">
                    <username-token username="%s" password-hash="%s"/>
                    <quota requests-per-minute="%d" bytes-per-day="300000"/>
                  </office>
                  <agreement accessing="JP" providing="EP" start="2014-04-01" categories="search"/>
                  <agreement accessing="US" providing="EP" start="2099-01-01"/>
                  <agreement accessing="CN" providing="EP" start="2012-01-01" end="2015-12-31"/>
                  <agreement accessing="KR" providing="EP" start="2014-04-01" confirmed="false"/>
                  <agreement accessing="GB" providing="JP" start="2014-04-01"/>
                  <agreement accessing="AU" providing="EP" start="2014-04-01"/>
                </offices>
                """.formatted(EP_CLIENT.fingerprint(), JP_USER, JP_HASH.encoded(), AU_USER, AU_HASH.encoded(),
                AU_REQUESTS_PER_MINUTE);
    }
}
