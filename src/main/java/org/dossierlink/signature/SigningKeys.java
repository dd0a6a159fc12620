package org.dossierlink.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * This node's signing keys: every key entry of its PKCS#12 keystore, each valid for its certificate's
 * period. New signatures use the {@linkplain #current(Instant) current} key, which is the valid key of the
 * configured algorithm that became valid last, so a key added ahead of time takes over at its notBefore
 * without a restart. Older keys stay published so that earlier answers remain verifiable.
 */
public final class SigningKeys {

    /** Where a key stands in the rotation at a given time. */
    public enum Status { CURRENT, PREVIOUS, NEXT }

    /** A certificate as GetSigningCertificates publishes it. */
    public record Published(SigningKey key, Status status) {
    }

    private final List<SigningKey> keys;
    private final SignatureAlgorithm algorithm;
    private final String source;

    /**
     * @param keys      the keys, any order; at least one must use {@code algorithm}
     * @param algorithm the algorithm new signatures use
     * @param source    where the keys came from, for messages
     */
    public SigningKeys(List<SigningKey> keys, SignatureAlgorithm algorithm, String source) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.source = Objects.requireNonNull(source, "source");
        List<SigningKey> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(SigningKey::notBefore).thenComparing(SigningKey::alias));
        this.keys = Collections.unmodifiableList(sorted);
        if (this.keys.stream().noneMatch(k -> k.algorithm() == algorithm)) {
            throw new SignatureKeyException(source + " holds no " + algorithm.configName() + " key (signature.algorithm); "
                    + "its keys: " + describe(this.keys));
        }
    }

    /**
     * Reads every key entry of a PKCS#12 keystore.
     *
     * @throws SignatureKeyException naming the file and what is wrong with it
     */
    public static SigningKeys load(Path keystore, char[] password, SignatureAlgorithm algorithm) {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(keystore)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (NoSuchFileException e) {
            throw new SignatureKeyException(keystore + ": signing keystore not found");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SignatureKeyException(keystore + ": wrong keystore password");
            }
            throw new SignatureKeyException(keystore + ": not a readable PKCS#12 keystore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new SignatureKeyException(keystore + ": cannot read the keystore (" + e.getMessage() + ")");
        }
        List<SigningKey> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                Key key = ks.getKey(alias, password);
                Certificate cert = ks.getCertificate(alias);
                if (!(key instanceof PrivateKey priv) || !(cert instanceof X509Certificate x509)) {
                    throw new SignatureKeyException(keystore + ": entry '" + alias + "' is not a private key with an X.509 certificate");
                }
                SignatureAlgorithm alg = SignatureAlgorithm.forKey(x509.getPublicKey());
                if (alg == null) {
                    throw new SignatureKeyException(keystore + ": key '" + alias + "' is "
                            + SignatureAlgorithm.describe(x509.getPublicKey())
                            + "; dossierlink signs with RSA of " + SignatureAlgorithm.MIN_RSA_BITS
                            + " bits or more, or EC P-256");
                }
                keys.add(new SigningKey(alias, priv, x509, alg));
            }
        } catch (UnrecoverableKeyException e) {
            throw new SignatureKeyException(keystore + ": a key's password differs from the keystore password");
        } catch (GeneralSecurityException e) {
            throw new SignatureKeyException(keystore + ": cannot read a key (" + e.getMessage() + ")");
        }
        if (keys.isEmpty()) {
            throw new SignatureKeyException(keystore + ": the keystore holds no private key");
        }
        return new SigningKeys(keys, algorithm, keystore.toString());
    }

    /**
     * The key that signs at {@code now}.
     *
     * @throws SignatureKeyException when no key of the configured algorithm is valid at {@code now}
     */
    public SigningKey current(Instant now) {
        SigningKey best = currentOrNull(now);
        if (best == null) {
            throw new SignatureKeyException(source + " holds no " + algorithm.configName() + " key valid at " + now
                    + "; its keys: " + describe(keys) + ". Add a key whose certificate is valid now.");
        }
        return best;
    }

    /**
     * Every key with its status at {@code now}: the current one, those before it, those still to come.
     * When no key is valid now, none is current (and nothing can be signed: see {@link #current}).
     */
    public List<Published> published(Instant now) {
        SigningKey current = currentOrNull(now);
        List<Published> out = new ArrayList<>();
        for (SigningKey k : keys) {
            Status s = k == current ? Status.CURRENT : k.notBefore().isAfter(now) ? Status.NEXT : Status.PREVIOUS;
            out.add(new Published(k, s));
        }
        return out;
    }

    /** The valid key of the configured algorithm that became valid last, or null. */
    private SigningKey currentOrNull(Instant now) {
        SigningKey current = null;
        for (SigningKey k : keys) {
            if (k.algorithm() == algorithm && k.validAt(now)) {
                current = k; // sorted by notBefore: the last valid one became valid last
            }
        }
        return current;
    }

    public List<SigningKey> all() {
        return keys;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Where the keys came from. */
    public String source() {
        return source;
    }

    private static String describe(List<SigningKey> keys) {
        List<String> parts = new ArrayList<>();
        for (SigningKey k : keys) {
            parts.add("'" + k.alias() + "' " + k.algorithm().configName() + " valid " + k.notBefore() + " to " + k.notAfter());
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }
}
