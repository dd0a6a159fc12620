package org.dossierlink.bulk;

/**
 * Every size limit on bulk packages, in one place (the XML limits themselves are {@link org.dossierlink.xml.XmlLimits}).
 * A ZIP entry is checked against them before and while it is read, so a zip bomb is stopped at the limit:
 * an oversized or over-compressed item is rejected alone, an oversized manifest refuses the package.
 */
public final class BulkLimits {

    /** Largest dossier entry (one item), uncompressed. */
    public static final long MAX_ITEM_BYTES = 32L * 1024 * 1024;
    /** Largest document content entry, uncompressed. */
    public static final long MAX_CONTENT_BYTES = 64L * 1024 * 1024;
    /** Largest manifest entry, uncompressed (a 200,000-item manifest is about 30 MB). */
    public static final long MAX_MANIFEST_BYTES = 2L * 1024 * 1024 * 1024;
    /** Largest signature entry. */
    public static final long MAX_SIGNATURE_BYTES = 64L * 1024;
    /** Highest uncompressed/compressed ratio of an entry (deflated XML is rarely above 30). */
    public static final long MAX_COMPRESSION_RATIO = 200;
    /** Entries smaller than this are not ratio-checked (tiny entries have meaningless ratios). */
    public static final long RATIO_CHECK_FROM_BYTES = 1024 * 1024;
    /** Most items in one package. */
    public static final long MAX_ITEMS = 50_000_000L;
    /** Most document content entries of one item. */
    public static final int MAX_CONTENTS_PER_ITEM = 10_000;
    /** Longest rejection reason kept in a receipt, in characters. */
    public static final int MAX_REASON_LENGTH = 1000;

    private BulkLimits() {
    }
}
