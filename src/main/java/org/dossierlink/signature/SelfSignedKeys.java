package org.dossierlink.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes signing keys with self-signed certificates: the demo node's key, keys for tests, and keys an
 * operator adds ahead of a rotation. A production node normally uses a certificate from its office's CA.
 */
public final class SelfSignedKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedKeys() {
    }

    /**
     * A new key pair with a self-signed certificate valid from {@code notBefore} to {@code notAfter}.
     *
     * @param subject an X.500 name such as {@code CN=dossierlink demo node, O=office}
     * @throws IllegalArgumentException when {@code subject} is not an X.500 name
     */
    public static SigningKey generate(String alias, SignatureAlgorithm algorithm, String subject, Instant notBefore,
                                      Instant notAfter) {
        return selfSigned(alias, algorithm, subject, notBefore, notAfter,
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation, builder -> { });
    }

    /**
     * A P-256 key with a self-signed certificate for TLS: the names (host names and IP addresses) as
     * subject alternative names, usable by a server and as a client certificate, valid from an hour ago
     * for {@code validity}.
     */
    public static SigningKey generateTls(String alias, String subject, List<String> names, Duration validity) {
        Instant now = Instant.now();
        return selfSigned(alias, SignatureAlgorithm.ECDSA_P256_SHA256, subject, now.minus(Duration.ofHours(1)),
                now.plus(validity), KeyUsage.digitalSignature, builder -> {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    if (!names.isEmpty()) {
                        GeneralName[] alt = names.stream().map(n -> n.matches("[0-9.]+|.*:.*")
                                ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                                .toArray(GeneralName[]::new);
                        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
                    }
                });
    }

    /** Extensions beyond basic constraints and key usage. */
    @FunctionalInterface
    private interface MoreExtensions {
        void add(JcaX509v3CertificateBuilder builder) throws CertIOException;
    }

    private static SigningKey selfSigned(String alias, SignatureAlgorithm algorithm, String subject, Instant notBefore,
                                         Instant notAfter, int keyUsage, MoreExtensions more) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
            if (algorithm == SignatureAlgorithm.ECDSA_P256_SHA256) {
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                g.initialize(SignatureAlgorithm.MIN_RSA_BITS, RANDOM);
            }
            KeyPair pair = g.generateKeyPair();
            // read as RFC 2253 (the most significant RDN last), as openssl and keytool print names
            X500Name name = X500Name.getInstance(new X500Principal(subject).getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            more.add(builder);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm.jcaName()).build(pair.getPrivate())));
            return new SigningKey(alias, pair.getPrivate(), cert, algorithm);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new SignatureKeyException("cannot generate a " + algorithm.configName() + " key: " + e.getMessage(), e);
        }
    }

    /** A key valid from an hour ago for {@code validity}, named after this node. */
    public static SigningKey generate(String alias, SignatureAlgorithm algorithm, String subject, Duration validity) {
        Instant now = Instant.now();
        return generate(alias, algorithm, subject, now.minus(Duration.ofHours(1)), now.plus(validity));
    }

    /**
     * Adds a key to a PKCS#12 keystore, creating the keystore when it does not exist. The file is
     * replaced atomically and readable by its owner only.
     */
    public static void store(Path keystore, char[] password, SigningKey key) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(keystore)) {
                try (var in = Files.newInputStream(keystore)) {
                    ks.load(in, password);
                }
                if (ks.containsAlias(key.alias())) {
                    throw new SignatureKeyException(keystore + ": alias '" + key.alias() + "' exists already");
                }
            } else {
                ks.load(null, null);
            }
            ks.setKeyEntry(key.alias(), key.privateKey(), password, new Certificate[] {key.certificate()});
            Path dir = keystore.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".signing", ".p12");
            try {
                restrict(tmp);
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    ks.store(out, password);
                }
                move(tmp, keystore);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new SignatureKeyException(keystore + ": cannot write the keystore (" + e.getMessage() + ")", e);
        }
    }

    /** A PKCS#12 keystore in memory holding {@code key} (an HTTPS key for the server, a client certificate). */
    public static KeyStore keyStore(SigningKey key, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(key.alias(), key.privateKey(), password, new Certificate[] {key.certificate()});
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new SignatureKeyException("cannot make a keystore for '" + key.alias() + "': " + e.getMessage(), e);
        }
    }

    /** Writes a secret to a file readable by its owner only. */
    public static void writeSecret(Path file, String secret) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".secret", ".tmp");
            try {
                restrict(tmp);
                Files.writeString(tmp, secret + "\n");
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SignatureKeyException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** A random password of 32 URL-safe characters. */
    public static String randomPassword() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Owner read and write only, where the file system has POSIX permissions (elsewhere the folder's apply). */
    private static void restrict(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
