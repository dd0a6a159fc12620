package org.dossierlink.signature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The certificates a verification trusts: a signer is trusted when its certificate is one of them,
 * or is issued by one of them (a CA certificate; revocation is not checked).
 */
public final class TrustedCertificates {

    private final List<X509Certificate> certificates;
    private final String source;

    public TrustedCertificates(List<X509Certificate> certificates, String source) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no certificate to trust");
        }
        this.certificates = List.copyOf(certificates);
        this.source = source;
    }

    /**
     * Every certificate in the {@code .pem}, {@code .crt}, {@code .cer} and {@code .der} files of a folder.
     *
     * @throws IllegalArgumentException naming the folder or file and the reason
     */
    public static TrustedCertificates load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("trust store " + dir + " is not a folder of certificates (.pem, .crt, .cer, .der)");
        }
        List<X509Certificate> certs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!(name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der"))) {
                    continue;
                }
                try {
                    certs.addAll(Certificates.read(f));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException(f + ": not an X.509 certificate in PEM or DER (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trust store " + dir + ": " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("trust store " + dir + " holds no certificate (.pem, .crt, .cer, .der)");
        }
        return new TrustedCertificates(certs, dir.toString());
    }

    /** The certificates of this node's own keys: for checking what this node signed. */
    public static TrustedCertificates of(SigningKeys keys) {
        return new TrustedCertificates(keys.all().stream().map(SigningKey::certificate).toList(), keys.source());
    }

    /**
     * This node's own certificates and those of a trust folder, when it exists and holds any: what a node
     * trusts for what it signed itself (its own exports) and for what its partners sign.
     */
    public static TrustedCertificates ofNodeAndFolder(SigningKeys keys, Path trustDir) {
        List<X509Certificate> certificates = new ArrayList<>();
        keys.all().stream().map(SigningKey::certificate).forEach(certificates::add);
        String source = "this node's keys (" + keys.source() + ")";
        if (trustDir != null && Files.isDirectory(trustDir)) {
            try {
                certificates.addAll(load(trustDir).certificates());
                source += " and " + trustDir;
            } catch (IllegalArgumentException empty) {
                // a trust folder without certificates adds nothing; this node's own keys remain
            }
        }
        return new TrustedCertificates(certificates, source);
    }

    /** True when {@code cert} is trusted directly or through a trusted issuer, judged at {@code at}. */
    public boolean trusts(X509Certificate cert, Instant at) {
        if (certificates.contains(cert)) {
            return true;
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate c : certificates) {
                if (c.getBasicConstraints() >= 0) {
                    anchors.add(new TrustAnchor(c, null));
                }
            }
            if (anchors.isEmpty()) {
                return false;
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public String source() {
        return source;
    }
}
