package org.dossierlink.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Telling a package from a plain dossier file, and digests of streams. */
final class PackageFiles {

    /** How much of an XML file is looked at to tell the forms apart. */
    private static final int SNIFF_BYTES = 64 * 1024;

    /** An XML declaration ({@code <?xml-stylesheet ...?>} is not one). */
    static final java.util.regex.Pattern XML_DECLARATION = java.util.regex.Pattern.compile("<\\?xml\\s");

    private PackageFiles() {
    }

    static Optional<PackageForm> formOf(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Optional.of(PackageForm.ZIP);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (ConcatenatedReader.hasPackageRoot(text)) {
            return Optional.of(PackageForm.CONCATENATED);
        }
        java.util.regex.Matcher declarations = XML_DECLARATION.matcher(text);
        int first = declarations.find() ? declarations.start() : -1;
        if (first >= 0 && declarations.find()) {
            return Optional.of(PackageForm.CONCATENATED);
        }
        try {
            if (first >= 0 && head.length == SNIFF_BYTES && ConcatenatedReader.declarationsBeyond(file, 2)) {
                return Optional.of(PackageForm.CONCATENATED);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
