package org.dossierlink.signature;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * One key of this node with its certificate. The certificate's validity is the key's validity
 * period: the key signs from notBefore until a newer key becomes valid, or until notAfter.
 *
 * @param alias       the keystore alias, which names the key in logs and in GetSigningCertificates
 * @param privateKey  the private key
 * @param certificate its X.509 certificate, published in every signature's KeyInfo
 * @param algorithm   the algorithm the key signs with
 */
public record SigningKey(String alias, PrivateKey privateKey, X509Certificate certificate, SignatureAlgorithm algorithm) {

    public SigningKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** True when the certificate is valid at {@code at}. */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore()) && !at.isAfter(notAfter());
    }

    /** SHA-256 of the certificate's DER encoding, hex, as {@code openssl x509 -fingerprint -sha256} shows it. */
    public String fingerprint() {
        return Certificates.fingerprint(certificate);
    }
}
