package org.dossierlink.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import org.dossierlink.config.ConfigException;
import org.dossierlink.config.Secrets;
import org.dossierlink.config.TlsSettings;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SigningKey;

/**
 * Opens the node's HTTPS keystore as {@link TlsSettings} describe it: the password from the environment
 * variable, else from the password file, never from the configuration itself. Every problem is a
 * {@link ConfigException} naming the file, the key and what to do.
 */
public final class TlsKeystore {

    private TlsKeystore() {
    }

    /** The keystore with its password, checked: it holds a private key whose certificate is valid now. */
    public static ServerOptions.Tls open(TlsSettings settings, Function<String, String> env) {
        Path file = settings.keystore();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("server.tls.keystore: " + file + " does not exist: create it with `dossierlink keys"
                    + " tls --name HOST` (self-signed) or put your office's PKCS#12 key there; or start with --demo for"
                    + " plain HTTP without authentication, on this machine only");
        }
        char[] password = password(settings, env);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            String alias = Collections.list(ks.aliases()).stream().filter(a -> isKey(ks, a)).findFirst()
                    .orElseThrow(() -> new ConfigException("server.tls.keystore: " + file + " holds no private key entry"));
            if (ks.getCertificate(alias) instanceof X509Certificate cert) {
                Date now = new Date();
                if (now.before(cert.getNotBefore()) || now.after(cert.getNotAfter())) {
                    throw new ConfigException("server.tls.keystore: " + file + ": the certificate of '" + alias
                            + "' is valid from " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                            + ", not now: renew it");
                }
            }
            return new ServerOptions.Tls(ks, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("server.tls.keystore: " + file + ": cannot open it (" + e.getMessage()
                    + "): check the password in " + settings.passwordEnv() + " or " + settings.passwordFile());
        }
    }

    /**
     * Writes a new keystore with a self-signed P-256 key for {@code names} (host names and IP addresses),
     * valid for {@code validity}, and a random password in the password file unless the environment holds one.
     *
     * @return the key written
     */
    public static SigningKey create(TlsSettings settings, List<String> names, Duration validity,
                                    Function<String, String> env) {
        if (Files.exists(settings.keystore())) {
            throw new ConfigException("server.tls.keystore: " + settings.keystore() + " exists already; move it away"
                    + " first to replace it");
        }
        String fromEnv = env.apply(settings.passwordEnv());
        String password = fromEnv != null && !fromEnv.isEmpty() ? fromEnv : SelfSignedKeys.randomPassword();
        if (fromEnv == null || fromEnv.isEmpty()) {
            SelfSignedKeys.writeSecret(settings.passwordFile(), password);
        }
        SigningKey key = SelfSignedKeys.generateTls("tls", "CN=" + names.get(0) + ", O=dossierlink node", names, validity);
        SelfSignedKeys.store(settings.keystore(), password.toCharArray(), key);
        return key;
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static char[] password(TlsSettings settings, Function<String, String> env) {
        char[] password = Secrets.read(settings.passwordEnv(), settings.passwordFile(), env, "TLS keystore password");
        if (password == null) {
            throw new ConfigException("server.tls.keystore: no password for " + settings.keystore() + ": set the"
                    + " environment variable " + settings.passwordEnv() + " or write it to " + settings.passwordFile()
                    + " (server.tls.keystore.password-file)");
        }
        return password;
    }
}
