package org.dossierlink.dialect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.dossierlink.InvalidRequestException;

/**
 * The dossier XML dialects dossierlink reads and writes. Each one but {@link #CANONICAL} has a
 * stylesheet pair in {@code xslt/}: {@code <name>-to-canonical.xsl} and {@code canonical-to-<name>.xsl}.
 * {@link DialectDetector} tells them apart from the root element, its namespace, the DOCTYPE and the
 * {@code dtd-version}.
 */
public enum Dialect {
    /** dossierlink's own {@code dos:dossier} / {@code dos:dossiers} ({@code xsd/dossier.xsd}). */
    CANONICAL("canonical", "dossierlink canonical dossier (urn:dossierlink:dossier:1)"),
    /** WIPO ST.36, generic: {@code patent-document} with {@code bibliographic-data}. */
    ST36("st36", "WIPO ST.36 patent-document"),
    /** WIPO ST.96 V6_0: {@code pat:PatentPublication}. */
    ST96("st96", "WIPO ST.96 V6_0 pat:PatentPublication"),
    /** EPO publication server: {@code ep-patent-document} v1.x with INID B-code element names. */
    EP_PUBLICATION("ep-publication", "EPO ep-patent-document (INID B-codes)"),
    /** The table of contents of an EP publication package: {@code Application-body}. */
    EP_TOC("ep-toc", "EPO publication package table of contents (Application-body)"),
    /** EPO DOCDB exchange format, as OPS serves it: {@code exchange-documents} and family answers. */
    DOCDB("docdb", "EPO DOCDB exchange format (OPS world-patent-data)"),
    /** EP Register, as OPS serves it: {@code reg:register-documents}. */
    EP_REGISTER("ep-register", "EP Register (reg:register-documents)"),
    /** USPTO Red Book (grants) and Yellow Book (applications), ICE DTD v4.x. */
    USPTO("uspto", "USPTO Red/Yellow Book us-patent-grant / us-patent-application v4.x"),
    /** JPO gazette in ST.36 form with the {@code jp:} namespace: {@code jp-official-gazette}. */
    JPO("jpo", "JPO official gazette (jp-official-gazette, jp: namespace)"),
    /** CNIPA, older format: {@code cn-patent-document}. */
    CNIPA_OLD("cnipa-old", "CNIPA cn-patent-document (old format)"),
    /** CNIPA, newer format: {@code business:PatentDocumentAndRelated}. */
    CNIPA_NEW("cnipa-new", "CNIPA business:PatentDocumentAndRelated (new format)");

    private final String wireName;
    private final String description;

    Dialect(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    /** The name used on the wire, in the CLI and in stylesheet file names. */
    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** Classpath resource of the stylesheet from this dialect to canonical. */
    public String toCanonicalStylesheet() {
        return "xslt/" + wireName + "-to-canonical.xsl";
    }

    /** Classpath resource of the stylesheet from canonical to this dialect. */
    public String fromCanonicalStylesheet() {
        return "xslt/canonical-to-" + wireName + ".xsl";
    }

    /**
     * The dialect a caller names, in any case ({@code st96}, {@code ST96}, {@code ep-publication}).
     *
     * @throws InvalidRequestException naming the supported dialects
     */
    public static Dialect parse(String name, String field) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Dialect d : values()) {
                if (d.wireName.equals(n)) {
                    return d;
                }
            }
        }
        throw new InvalidRequestException("unknown dialect '" + name + "'; supported: " + names(), field);
    }

    /** The wire names of every dialect, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Dialect::wireName).collect(Collectors.joining(", "));
    }
}
