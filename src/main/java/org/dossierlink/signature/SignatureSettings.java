package org.dossierlink.signature;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where this node's signing keys and trusted certificates live, as {@code conf/dossierlink.properties}
 * says ({@code signature.*} keys).
 *
 * @param keystore     the PKCS#12 keystore of signing keys
 * @param passwordEnv  the environment variable that holds the keystore password
 * @param passwordFile the file that holds it when the variable is not set
 * @param algorithm    the algorithm new signatures use
 * @param trustDir     the certificates trusted when verifying what others signed
 * @param limits       how much signature structure verification accepts
 */
public record SignatureSettings(Path keystore, String passwordEnv, Path passwordFile, SignatureAlgorithm algorithm,
                                Path trustDir, VerificationLimits limits) {

    public static final Path DEFAULT_KEYSTORE = Path.of("conf", "signing.p12");
    public static final String DEFAULT_PASSWORD_ENV = "DOSSIERLINK_KEYSTORE_PASSWORD";
    public static final Path DEFAULT_TRUST_DIR = Path.of("conf", "trust");

    public SignatureSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(trustDir, "trustDir");
        Objects.requireNonNull(limits, "limits");
    }

    /** The password file beside a keystore: {@code signing.p12.password}. */
    public static Path defaultPasswordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }

    public static SignatureSettings defaults() {
        return new SignatureSettings(DEFAULT_KEYSTORE, DEFAULT_PASSWORD_ENV, defaultPasswordFile(DEFAULT_KEYSTORE),
                SignatureAlgorithm.DEFAULT, DEFAULT_TRUST_DIR, VerificationLimits.defaults());
    }
}
