package org.dossierlink.signature;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The signature algorithms this node signs with, chosen by {@code signature.algorithm}. */
public enum SignatureAlgorithm {

    /** RSA PKCS#1 v1.5 with SHA-256, keys of 2048 bits or more. */
    RSA_SHA256("rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "RSA", "SHA256withRSA"),
    /** ECDSA on NIST P-256 with SHA-256. */
    ECDSA_P256_SHA256("ecdsa-p256-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "EC",
            "SHA256withECDSA");

    /**
     * The default: ECDSA P-256 signs in a fraction of RSA-2048's time (bench/signature.sh) with a
     * stronger key and a shorter signature. Choose RSA-SHA256 for partners whose XML-DSig stack
     * lacks ECDSA (the .NET Framework's SignedXml, for one).
     */
    public static final SignatureAlgorithm DEFAULT = ECDSA_P256_SHA256;

    /** Smallest RSA modulus signed with or accepted from others. */
    public static final int MIN_RSA_BITS = 2048;

    private final String configName;
    private final String uri;
    private final String keyAlgorithm;
    private final String jcaName;

    SignatureAlgorithm(String configName, String uri, String keyAlgorithm, String jcaName) {
        this.configName = configName;
        this.uri = uri;
        this.keyAlgorithm = keyAlgorithm;
        this.jcaName = jcaName;
    }

    /** The name used in the configuration, e.g. {@code rsa-sha256}. */
    public String configName() {
        return configName;
    }

    /** The XML-DSig SignatureMethod URI. */
    public String uri() {
        return uri;
    }

    /** The JCA key algorithm: RSA or EC. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA signature name, e.g. SHA256withRSA. */
    public String jcaName() {
        return jcaName;
    }

    /** The algorithm that signs with this public key, or null when the key fits none (too short, other curve). */
    public static SignatureAlgorithm forKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() >= MIN_RSA_BITS ? RSA_SHA256 : null;
        }
        if (key instanceof ECPublicKey ec) {
            var params = ec.getParams();
            return params.getCurve().getField().getFieldSize() == 256 && params.getOrder().bitLength() == 256
                    ? ECDSA_P256_SHA256 : null;
        }
        return null;
    }

    /** A short description of a key for messages: "RSA 2048 bits", "EC 256 bits". */
    public static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return key.getAlgorithm();
    }

    /** Parses a configuration value; the message lists the accepted names. */
    public static SignatureAlgorithm parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SignatureAlgorithm a : values()) {
            if (a.configName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm '" + name + "'; use one of "
                + Arrays.stream(values()).map(SignatureAlgorithm::configName).collect(Collectors.joining(", ")));
    }
}
