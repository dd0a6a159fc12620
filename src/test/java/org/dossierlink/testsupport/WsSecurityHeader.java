package org.dossierlink.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Hand-built WS-Security headers (UsernameToken Profile 1.1 and a wsu:Timestamp), to send exactly what a
 * test needs: a replay, an old token, a wrong password, a token without a timestamp.
 */
public final class WsSecurityHeader {

    public static final String WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String TOKEN_PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    private static final String BASE64 =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WsSecurityHeader() {
    }

    /** A UsernameToken with PasswordDigest over a fresh nonce, created {@code created}, and a Timestamp. */
    public static String digest(String user, String secret, Instant created) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String when = created.truncatedTo(ChronoUnit.MILLIS).toString();
        return security(timestamp(created) + "<wsse:UsernameToken wsu:Id=\"UT-1\"><wsse:Username>" + user
                + "</wsse:Username><wsse:Password Type=\"" + TOKEN_PROFILE + "#PasswordDigest\">"
                + passwordDigest(nonce, when, secret) + "</wsse:Password><wsse:Nonce EncodingType=\"" + BASE64 + "\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + when
                + "</wsu:Created></wsse:UsernameToken>");
    }

    /** A UsernameToken with PasswordText and a Timestamp. */
    public static String text(String user, String password, Instant created) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return security(timestamp(created) + "<wsse:UsernameToken wsu:Id=\"UT-1\"><wsse:Username>" + user
                + "</wsse:Username><wsse:Password Type=\"" + TOKEN_PROFILE + "#PasswordText\">" + password
                + "</wsse:Password><wsse:Nonce EncodingType=\"" + BASE64 + "\">" + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>"
                + created.truncatedTo(ChronoUnit.MILLIS) + "</wsu:Created></wsse:UsernameToken>");
    }

    /** A digest token without the Timestamp the node requires. */
    public static String digestWithoutTimestamp(String user, String secret, Instant created) {
        String full = digest(user, secret, created);
        return full.replaceFirst("<wsu:Timestamp.*?</wsu:Timestamp>", "");
    }

    /** Base64(SHA-1(nonce + created + secret)): UsernameToken Profile 1.1, section 3.1. */
    public static String passwordDigest(byte[] nonce, String created, String secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String timestamp(Instant created) {
        Instant c = created.truncatedTo(ChronoUnit.MILLIS);
        return "<wsu:Timestamp wsu:Id=\"TS-1\"><wsu:Created>" + c + "</wsu:Created><wsu:Expires>" + c.plusSeconds(300)
                + "</wsu:Expires></wsu:Timestamp>";
    }

    private static String security(String content) {
        return "<wsse:Security xmlns:wsse=\"" + WSSE_NS + "\" xmlns:wsu=\"" + WSU_NS + "\">" + content + "</wsse:Security>";
    }
}
