package org.dossierlink.number;

/**
 * The number formats of one office. Implementations are stateless and hold only precompiled
 * patterns, so one instance serves all threads.
 */
interface OfficeNumberFormat {

    /**
     * Parses a cleaned number text.
     *
     * @return the normalised number, or null when the text matches none of the office's formats for
     *         the requested type (the caller turns that into a {@link MalformedNumberException})
     */
    NormalizedNumber parse(NumberText text);

    /**
     * A specific reason why the text was refused (a wrong check digit, say), or null when the text simply
     * matches no format. Only called on the error path.
     */
    default String diagnose(NumberText text) {
        return null;
    }

    /** Accepted written forms for the type, for error messages, e.g. {@code "2013-123456, 特願2013-123456"}. */
    String examples(NumberType parseAs);

    /** IP type code of ST.13 for patents for invention. */
    String ST13_PATENT = "10";
    /** IP type code of ST.13 for utility models. */
    String ST13_UTILITY_MODEL = "20";
    /** IP type code of ST.13 for industrial designs. */
    String ST13_DESIGN = "30";

    /** Left-pads digits with zeros to {@code width}. */
    static String pad(String digits, int width) {
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /**
     * Expands a two-digit year. {@code pivot} is the first two-digit year of the 1900s still in use:
     * 78 for EP and PCT (both started in 1978), so 05 is 2005 and 98 is 1998.
     */
    static String fullYear(String twoDigits, int pivot) {
        int yy = Integer.parseInt(twoDigits);
        return (yy >= pivot ? "19" : "20") + twoDigits;
    }
}
