package org.dossierlink.testsupport;

import java.time.Duration;
import java.util.List;

import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;

/** Signing keys for tests, generated once per JVM (an RSA key takes a tenth of a second to make). */
public final class TestKeys {

    private static final SigningKey RSA = SelfSignedKeys.generate("test-rsa", SignatureAlgorithm.RSA_SHA256,
            "CN=dossierlink test node, O=dossierlink tests", Duration.ofDays(30));
    private static final SigningKey EC = SelfSignedKeys.generate("test-ec", SignatureAlgorithm.ECDSA_P256_SHA256,
            "CN=dossierlink test node EC, O=dossierlink tests", Duration.ofDays(30));

    private TestKeys() {
    }

    public static SigningKey rsa() {
        return RSA;
    }

    public static SigningKey ec() {
        return EC;
    }

    /** The test node's keys, signing with RSA-SHA256. */
    public static SigningKeys keys() {
        return new SigningKeys(List.of(RSA, EC), SignatureAlgorithm.RSA_SHA256, "test keys");
    }

    public static PayloadSigner signer() {
        return new PayloadSigner(keys());
    }

    public static TrustedCertificates trust() {
        return TrustedCertificates.of(keys());
    }
}
