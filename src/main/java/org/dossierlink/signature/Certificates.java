package org.dossierlink.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Reading, writing and naming X.509 certificates. */
public final class Certificates {

    private Certificates() {
    }

    /** SHA-256 of the DER encoding as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** "CN=..., serial 1f2e..., SHA-256 AB:CD:..." : how messages name a certificate. */
    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                + ", SHA-256 " + fingerprint(certificate) + ")";
    }

    /** The certificate in PEM, as xmlsec1 --trusted-pem and openssl read it. */
    public static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every certificate in a PEM or DER file. */
    public static List<X509Certificate> read(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static List<X509Certificate> read(InputStream in) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            if (c instanceof X509Certificate x) {
                out.add(x);
            }
        }
        return out;
    }

    /** A DER-encoded certificate. */
    public static X509Certificate fromDer(byte[] der) {
        try {
            List<X509Certificate> certs = read(new ByteArrayInputStream(der));
            if (certs.size() != 1) {
                throw new IllegalArgumentException("expected one certificate, found " + certs.size());
            }
            return certs.get(0);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
