package org.dossierlink.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dossierlink.xml.SecureXml;

/**
 * The dossier formats {@code dossierlink import} reads, told apart by their root element.
 * The dialects issue extends this list (ST.36, ST.96, USPTO, JPO, CNIPA).
 */
public enum DossierFormat {
    /** dossierlink's own {@code dos:dossier} / {@code dos:dossiers}. */
    CANONICAL("canonical"),
    /** EPO DOCDB exchange format, as OPS serves it. */
    DOCDB("docdb");

    private final String wireName;

    DossierFormat(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Detects the format of a file from its root element.
     *
     * @throws DialectException when the file is not XML or its root belongs to no supported format
     */
    public static DossierFormat detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return detect(in, file.toString());
        }
    }

    public static DossierFormat detect(InputStream in, String sourceName) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(in);
            r.nextTag();
            String ns = r.getNamespaceURI();
            String local = r.getLocalName();
            if (CanonicalDossierXml.NS.equals(ns)) {
                return CANONICAL;
            }
            if (DocdbExchangeReader.accepts(ns, local)) {
                return DOCDB;
            }
            throw new DialectException(sourceName, r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(),
                    "unknown dossier format: root element {" + (ns == null ? "" : ns) + "}" + local
                            + "; supported: canonical (" + CanonicalDossierXml.NS + "), DOCDB exchange ("
                            + DocdbExchangeReader.OPS_NS + " world-patent-data or " + DocdbExchangeReader.NS + ")");
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(sourceName, e);
        } finally {
            CanonicalDossierXml.closeQuietly(r);
        }
    }
}
