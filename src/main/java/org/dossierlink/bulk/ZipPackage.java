package org.dossierlink.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dossierlink.signature.SignatureRejectedException;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * A ZIP package opened for random access: its signature and manifest, and bounded reads of its entries
 * (declared size, actual size and compression ratio checked while reading, digest computed on the way).
 */
final class ZipPackage {

    private final ZipFile zip;
    private final String source;

    ZipPackage(ZipFile zip, String source) {
        this.zip = zip;
        this.source = source;
    }

    ZipEntry entry(String path) {
        return zip.getEntry(path);
    }

    /**
     * Verifies META-INF/signature.xml over META-INF/manifest.xml and returns the manifest's SHA-256 (hex).
     *
     * @throws PackageRefusedException when either is missing or the signature does not verify
     */
    String verifiedManifestDigest(SignatureVerifier verifier) {
        ZipEntry manifest = required(PackageFormat.MANIFEST_ENTRY);
        ZipEntry signature = required(PackageFormat.SIGNATURE_ENTRY);
        checkSize(manifest, BulkLimits.MAX_MANIFEST_BYTES);
        Document sig;
        try (InputStream in = bounded(signature, BulkLimits.MAX_SIGNATURE_BYTES)) {
            sig = SecureXml.documentBuilderRefusingDoctype().parse(in);
        } catch (SAXException | IOException e) {
            throw refused(PackageFormat.SIGNATURE_ENTRY + ": not a readable XML signature: " + e.getMessage());
        }
        try {
            verifier.verifyDetached(sig.getDocumentElement(), PackageFormat.MANIFEST_URI,
                    () -> bounded(manifest, BulkLimits.MAX_MANIFEST_BYTES), Instant.now());
        } catch (SignatureRejectedException e) {
            throw refused("the manifest signature is not valid (" + e.problem() + "): " + e.getMessage());
        }
        try (InputStream in = bounded(manifest, BulkLimits.MAX_MANIFEST_BYTES)) {
            return PackageFiles.sha256(in);
        } catch (IOException e) {
            throw refused(PackageFormat.MANIFEST_ENTRY + ": cannot read: " + e.getMessage());
        }
    }

    /** The manifest, opened for a streaming read. */
    ManifestReader manifest() throws IOException {
        InputStream in = bounded(required(PackageFormat.MANIFEST_ENTRY), BulkLimits.MAX_MANIFEST_BYTES);
        return new ManifestReader(in, source + "!" + PackageFormat.MANIFEST_ENTRY);
    }

    /** Entries that are neither in META-INF/ nor listed, in ZIP order (directories left out). */
    List<String> unlistedEntries(Predicate<String> listed) {
        List<String> out = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && !name.startsWith("META-INF/") && !listed.test(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The entry's bytes, checked against the manifest's size and SHA-256 and the limits.
     *
     * @throws PackageImporter.ItemRejected saying what did not match
     */
    byte[] read(ZipEntry entry, long declaredSize, String declaredSha256, long limit) {
        String name = entry.getName();
        if (declaredSize > limit) {
            throw new PackageImporter.ItemRejected("entry " + name + " declares " + declaredSize
                    + " bytes; at most " + limit + " are accepted");
        }
        if (entry.getSize() >= 0 && entry.getSize() != declaredSize) {
            throw new PackageImporter.ItemRejected("entry " + name + " has " + entry.getSize()
                    + " bytes but the manifest says " + declaredSize);
        }
        checkRatio(entry);
        MessageDigest md = PackageFiles.sha256();
        byte[] bytes;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), md)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, declaredSize + 1));
        } catch (IOException e) {
            throw new PackageImporter.ItemRejected("entry " + name + " cannot be read: " + e.getMessage());
        }
        if (bytes.length != declaredSize) {
            throw new PackageImporter.ItemRejected("entry " + name + " has " + (bytes.length > declaredSize ? "more" : bytes.length)
                    + " bytes but the manifest says " + declaredSize);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(declaredSha256)) {
            throw new PackageImporter.ItemRejected("digest mismatch: entry " + name + " has sha256 " + actual
                    + ", the manifest says " + declaredSha256);
        }
        return bytes;
    }

    private static void checkRatio(ZipEntry entry) {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size >= BulkLimits.RATIO_CHECK_FROM_BYTES && compressed > 0
                && size / compressed > BulkLimits.MAX_COMPRESSION_RATIO) {
            throw new PackageImporter.ItemRejected("entry " + entry.getName() + " expands " + (size / compressed)
                    + " times; at most " + BulkLimits.MAX_COMPRESSION_RATIO + " is accepted");
        }
    }

    private ZipEntry required(String name) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw refused("no " + name + " entry: a ZIP package holds a signed manifest (see README, Bulk packages)");
        }
        return e;
    }

    private void checkSize(ZipEntry e, long limit) {
        if (e.getSize() > limit) {
            throw refused(e.getName() + " has " + e.getSize() + " bytes; at most " + limit + " are accepted");
        }
        long compressed = e.getCompressedSize();
        if (e.getSize() >= BulkLimits.RATIO_CHECK_FROM_BYTES && compressed > 0
                && e.getSize() / compressed > BulkLimits.MAX_COMPRESSION_RATIO) {
            throw refused(e.getName() + " expands " + (e.getSize() / compressed) + " times; at most "
                    + BulkLimits.MAX_COMPRESSION_RATIO + " is accepted");
        }
    }

    /** The entry's stream, failing once more than {@code limit} bytes come out of it (sizes in headers can lie). */
    private InputStream bounded(ZipEntry e, long limit) throws IOException {
        return new LimitedInput(zip.getInputStream(e), limit, source + "!" + e.getName());
    }

    private PackageRefusedException refused(String reason) {
        return new PackageRefusedException(source + ": " + reason);
    }

    /** Fails when more than the limit is read. */
    static final class LimitedInput extends java.io.FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        LimitedInput(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new IOException(name + " is larger than " + limit + " bytes");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > limit) {
                throw new IOException(name + " is larger than " + limit + " bytes");
            }
            return n;
        }
    }
}
