package org.dossierlink.access;

/**
 * How much an office may ask of this node. 0 means no limit for that dimension.
 *
 * @param requestsPerMinute most requests in one minute, or 0
 * @param bytesPerDay       most answer bytes in one day, or 0
 */
public record Quota(int requestsPerMinute, long bytesPerDay) {

    /** No limit on either dimension. */
    public static final Quota UNLIMITED = new Quota(0, 0);

    public Quota {
        if (requestsPerMinute < 0 || bytesPerDay < 0) {
            throw new IllegalArgumentException("a quota is positive, or 0 for no limit: requestsPerMinute "
                    + requestsPerMinute + ", bytesPerDay " + bytesPerDay);
        }
    }

    /** True when neither dimension is limited. */
    public boolean unlimited() {
        return requestsPerMinute == 0 && bytesPerDay == 0;
    }
}
