package org.dossierlink.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamReader;

import org.dossierlink.xml.SecureXml;

/**
 * The baseline of the bulk benchmark: a plain StAX pass over a package, every ZIP entry read and parsed to
 * its last event with the node's hardened StAX factories (the manifest with the one for streamed documents, as the
 * importer reads it), nothing else. Prints items/s and MB/s (package
 * bytes per second, as the import's figures).
 *
 * <pre>java -cp ... org.dossierlink.bench.BulkRawParse PACKAGE</pre>
 */
public final class BulkRawParse {

    public static void main(String[] args) throws Exception {
        Path pkg = Path.of(args[0]);
        long started = System.nanoTime();
        long entries = 0;
        long events = 0;
        long bytes = 0;
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    // the manifest as the importer reads it: streamed, under the limits for streamed documents
                    XMLStreamReader r = (entry.getName().startsWith("META-INF/") ? SecureXml.streamingInputFactory()
                            : SecureXml.inputFactory()).createXMLStreamReader(in);
                    while (r.hasNext()) {
                        r.next();
                        events++;
                    }
                    r.close();
                }
                bytes += entry.getSize();
                if (!entry.getName().startsWith("META-INF/")) {
                    entries++;
                }
            }
        }
        double s = (System.nanoTime() - started) / 1e9;
        double mb = Files.size(pkg) / 1e6;
        System.out.printf("raw StAX pass: %d items, %d events, %.1f MB uncompressed, %.1f s, %.0f items/s, %.1f MB/s (package bytes)%n",
                entries, events, bytes / 1e6, s, entries / s, mb / s);
    }
}
