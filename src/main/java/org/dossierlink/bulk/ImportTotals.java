package org.dossierlink.bulk;

/** How many items of a run ended in each status. */
public record ImportTotals(long stored, long unchanged, long replaced, long rejected) {

    public static final ImportTotals NONE = new ImportTotals(0, 0, 0, 0);

    public long items() {
        return stored + unchanged + replaced + rejected;
    }

    /** These totals with one more item of {@code status}. */
    public ImportTotals plus(ItemStatus status) {
        return plus(status, 1);
    }

    /** These totals with {@code count} more items of {@code status}. */
    public ImportTotals plus(ItemStatus status, long count) {
        return switch (status) {
            case STORED -> new ImportTotals(stored + count, unchanged, replaced, rejected);
            case UNCHANGED -> new ImportTotals(stored, unchanged + count, replaced, rejected);
            case REPLACED -> new ImportTotals(stored, unchanged, replaced + count, rejected);
            case REJECTED -> new ImportTotals(stored, unchanged, replaced, rejected + count);
        };
    }
}
