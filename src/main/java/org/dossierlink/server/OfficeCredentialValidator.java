package org.dossierlink.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.UsernameTokenUtil;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;
import org.dossierlink.access.Offices;
import org.dossierlink.access.PasswordHash;
import org.dossierlink.access.UserCredential;

/**
 * Checks a UsernameToken's password against the office credentials of {@code conf/offices.xml}, where
 * passwords are stored only as salted PBKDF2 hashes:
 * <ul>
 * <li>PasswordDigest: Base64(SHA-1(nonce + created + secret)) where the secret is the user's digest key
 * (the salted hash, as {@code dossierlink credentials} prints it), compared in constant time;</li>
 * <li>PasswordText (over TLS): the password is hashed with the user's salt and compared. PBKDF2 is slow
 * on purpose, so a password that verified once is remembered, as its SHA-256, per user: the next
 * token with the same password costs a hash, not a key derivation.</li>
 * </ul>
 * WSS4J checks the token's age and nonce (replay) before it calls this. Every failure is the same
 * {@code FailedAuthentication}: nothing tells a prober whether the user exists.
 */
final class OfficeCredentialValidator extends UsernameTokenValidator {

    private final Offices offices;
    private final Map<String, byte[]> verifiedText = new ConcurrentHashMap<>();

    OfficeCredentialValidator(Offices offices) {
        this.offices = Objects.requireNonNull(offices, "offices");
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        PasswordHash hash = credential(token).password();
        String nonce = token.getNonce();
        String created = token.getCreated();
        if (nonce == null || created == null || token.getPassword() == null) {
            throw failed();
        }
        byte[] expected = UsernameTokenUtil.doPasswordDigest(Base64.getMimeDecoder().decode(nonce), created,
                hash.digestKey().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.getPassword().getBytes(StandardCharsets.US_ASCII))) {
            throw failed();
        }
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        UserCredential user = credential(token);
        String password = token.getPassword();
        if (password == null || password.isEmpty()) {
            throw failed();
        }
        byte[] fingerprint = sha256(user.password().encoded() + '\n' + password);
        byte[] known = verifiedText.get(user.username());
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return;
        }
        if (!user.password().matches(password.toCharArray())) {
            throw failed();
        }
        verifiedText.put(user.username(), fingerprint);
    }

    @Override
    protected void verifyCustomPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw failed();
    }

    @Override
    protected void verifyUnknownPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw failed();
    }

    private UserCredential credential(UsernameToken token) throws WSSecurityException {
        Optional<UserCredential> user = token.getName() == null ? Optional.empty() : offices.user(token.getName().trim());
        return user.orElseThrow(OfficeCredentialValidator::failed);
    }

    private static WSSecurityException failed() {
        return new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
