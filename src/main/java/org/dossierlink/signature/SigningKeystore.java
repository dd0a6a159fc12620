package org.dossierlink.signature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

import org.dossierlink.config.Secrets;

/**
 * Opens this node's signing keystore as {@link SignatureSettings} describe it. The password comes
 * from the environment variable, else from the password file; it is never built into the code. With
 * {@code demo}, a missing keystore is created with a fresh self-signed key and a random password
 * (written to the password file, readable by its owner only), and the caller is told so.
 */
public final class SigningKeystore {

    /** How long the demo key's certificate is valid. */
    static final Duration DEMO_VALIDITY = Duration.ofDays(398);

    private SigningKeystore() {
    }

    /**
     * @param env    reads environment variables
     * @param notice receives one line for the log when a demo key is generated
     * @throws SignatureKeyException naming the file or variable and what to do
     */
    public static SigningKeys open(SignatureSettings settings, boolean demo, Function<String, String> env,
                                   Consumer<String> notice) {
        Path keystore = settings.keystore();
        char[] password = password(settings, env);
        try {
            if (!Files.exists(keystore)) {
                if (!demo) {
                    throw new SignatureKeyException(keystore + ": signing keystore not found. Every answer is signed: "
                            + "put this node's PKCS#12 keystore there (signature.keystore), or start with --demo to "
                            + "generate a demo key");
                }
                if (password == null) {
                    String generated = SelfSignedKeys.randomPassword();
                    SelfSignedKeys.writeSecret(settings.passwordFile(), generated);
                    password = generated.toCharArray();
                }
                addDemoKey(settings, password, env, notice);
            } else if (password == null) {
                throw new SignatureKeyException(keystore + ": no keystore password: set the environment variable "
                        + settings.passwordEnv() + " (signature.keystore.password-env) or write it to "
                        + settings.passwordFile() + " (signature.keystore.password-file)");
            } else if (demo) {
                SigningKeys keys = signingNow(keystore, password, settings.algorithm());
                if (keys != null) {
                    return keys;
                }
                // a demo keystore from an earlier start whose key expired, or of another algorithm
                addDemoKey(settings, password, env, notice);
            }
            return SigningKeys.load(keystore, password, settings.algorithm());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The keystore's keys when one of them signs now, else null. */
    private static SigningKeys signingNow(Path keystore, char[] password, SignatureAlgorithm algorithm) {
        try {
            SigningKeys keys = SigningKeys.load(keystore, password, algorithm);
            keys.current(Instant.now());
            return keys;
        } catch (SignatureKeyException e) {
            return null;
        }
    }

    private static void addDemoKey(SignatureSettings settings, char[] password, Function<String, String> env,
                                   Consumer<String> notice) {
        SignatureAlgorithm algorithm = settings.algorithm();
        String alias = "demo-" + algorithm.configName() + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        SigningKey key = SelfSignedKeys.generate(alias, algorithm,
                "CN=dossierlink demo node, O=dossierlink demo (not for production)", DEMO_VALIDITY);
        SelfSignedKeys.store(settings.keystore(), password, key);
        notice.accept("generated a demo signing key '" + alias + "' (" + algorithm.configName() + ", self-signed, valid until "
                + key.notAfter() + ", SHA-256 " + key.fingerprint() + ") in " + settings.keystore()
                + (env.apply(settings.passwordEnv()) == null ? "; its password is in " + settings.passwordFile() : "")
                + ". Demo only: give a production node its office's key.");
    }

    /**
     * Adds a key to the keystore, creating the keystore (and, when no password is configured, a random
     * password in the password file) when it does not exist.
     */
    public static void add(SignatureSettings settings, SigningKey key, Function<String, String> env) {
        char[] password = password(settings, env);
        if (password == null) {
            if (Files.exists(settings.keystore())) {
                throw new SignatureKeyException(settings.keystore() + ": no keystore password: set the environment variable "
                        + settings.passwordEnv() + " or write it to " + settings.passwordFile());
            }
            String generated = SelfSignedKeys.randomPassword();
            SelfSignedKeys.writeSecret(settings.passwordFile(), generated);
            password = generated.toCharArray();
        }
        try {
            SelfSignedKeys.store(settings.keystore(), password, key);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(SignatureSettings settings, Function<String, String> env) {
        return Secrets.read(settings.passwordEnv(), settings.passwordFile(), env, "keystore password");
    }
}
