package org.dossierlink.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the node's HTTPS key lives.
 *
 * @param keystore     PKCS#12 file with one private key entry and its certificate chain
 * @param passwordEnv  environment variable holding its password
 * @param passwordFile file holding its password when the variable is unset (readable by the node's user only)
 */
public record TlsSettings(Path keystore, String passwordEnv, Path passwordFile) {

    public static final Path DEFAULT_KEYSTORE = Path.of("conf", "tls.p12");
    public static final String DEFAULT_PASSWORD_ENV = "DOSSIERLINK_TLS_PASSWORD";

    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /** The keystore path with {@code .password} appended. */
    public static Path defaultPasswordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }
}
