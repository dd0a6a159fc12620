package org.dossierlink.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A UsernameToken password as {@code offices.xml} stores it: PBKDF2-HMAC-SHA256 over the password
 * with a random 16-byte salt and at least {@value #MIN_ITERATIONS} iterations, encoded as
 * {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}. The password itself is never stored.
 *
 * <p><b>Which secret a partner uses.</b> WS-Security sends a UsernameToken password in one of two ways:
 * <ul>
 * <li><b>PasswordText</b> (only over TLS): the partner sends its password; the node checks it with
 *     {@link #matches(char[])}. The stored hash alone does not let anyone log in this way.</li>
 * <li><b>PasswordDigest</b>: the partner sends {@code Base64(SHA-1(nonce + created + secret))}, which the
 *     node can only check if it knows the secret itself. A salted hash cannot give the password back, so
 *     for PasswordDigest the shared secret is {@link #digestKey()}: the base64 of the derived hash. The
 *     partner's stack is configured with the digest key as its password, and the node checks the digest
 *     with the same key.</li>
 * </ul>
 * For PasswordDigest partners, therefore, the {@code password-hash} in {@code offices.xml} is as secret as a
 * password: whoever reads the file can compute the digest key. Keep the file readable by the node's user
 * only. {@code dossierlink credentials hash|new} prints both the encoded hash and the digest key.
 *
 * <p>{@link #toString()} never shows the salt or hash.
 */
public final class PasswordHash {

    /** The scheme name at the start of the encoding. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Fewest iterations accepted (OWASP's 2023 advice for PBKDF2-HMAC-SHA256). */
    public static final int MIN_ITERATIONS = 210_000;
    /** Most iterations accepted: more would let a configuration file make every login cost seconds. */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** Iterations used by {@link #create(char[])}. */
    public static final int DEFAULT_ITERATIONS = MIN_ITERATIONS;
    /** Salt length in bytes. */
    public static final int SALT_BYTES = 16;
    /** Derived hash length in bytes (the SHA-256 output size). */
    public static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a new random salt and {@link #DEFAULT_ITERATIONS} iterations. */
    public static PasswordHash create(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /**
     * Reads {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}.
     *
     * @throws IllegalArgumentException saying what is wrong with the encoding
     */
    public static PasswordHash parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("the password hash is empty");
        }
        String[] parts = encoded.trim().split("\\$", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a password hash has the form " + SCHEME
                    + "$ITERATIONS$SALT$HASH (4 parts separated by $), found " + parts.length + " part"
                    + (parts.length == 1 ? "" : "s") + "; make one with: dossierlink credentials hash");
        }
        if (!SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("unknown password hash scheme '" + parts[0] + "' (supported: " + SCHEME + ")");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[1] + "' is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("the password hash uses " + iterations + " iterations; at least "
                    + MIN_ITERATIONS + " are required: hash the password again with dossierlink credentials hash");
        }
        if (iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the password hash uses " + iterations + " iterations; at most "
                    + MAX_ITERATIONS + " are accepted");
        }
        byte[] salt = base64(parts[2], "salt");
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the salt is " + salt.length + " bytes; it must be " + SALT_BYTES);
        }
        byte[] hash = base64(parts[3], "hash");
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash is " + hash.length + " bytes; it must be " + HASH_BYTES);
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64: " + e.getMessage());
        }
    }

    /** True when {@code password} hashes to this hash; the comparison takes the same time wherever they differ. */
    public boolean matches(char[] password) {
        if (password == null || password.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /**
     * The base64 of the derived hash: the secret a partner sending WS-Security PasswordDigest uses as its
     * password, and the node checks digests with (see the class description).
     */
    public String digestKey() {
        return Base64.getEncoder().encodeToString(hash);
    }

    /** {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64}, as {@code offices.xml} holds it. */
    public String encoded() {
        return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && MessageDigest.isEqual(p.salt, salt)
                && MessageDigest.isEqual(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }

    /** The scheme and iterations only: a hash is a secret for PasswordDigest partners. */
    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$(salt and hash hidden)";
    }
}
