package org.dossierlink.access;

import java.util.Map;

/**
 * The quota counts of the nodes that share one store, added up where they all see them (the store's
 * {@code quota_usage} table). A {@link QuotaLedger} counts on its own node and exchanges its counts here
 * about once a second, so a request costs no database round trip.
 */
public interface SharedQuotaCounts {

    /**
     * Adds what one node counted since its last exchange, and returns the totals of every node.
     *
     * @param minute the clock minute (minutes since the epoch) the requests were counted in
     * @param day    the UTC day (days since the epoch) the bytes were counted on
     * @param deltas per office, the requests and bytes to add (offices without any may be left out)
     * @return per office, the requests of {@code minute} and the bytes of {@code day} counted by every
     *         node, the deltas included; an office nobody counted is left out
     */
    Map<String, Usage> exchange(long minute, long day, Map<String, Usage> deltas);

    /** Requests in a minute and bytes on a day. */
    record Usage(long requests, long bytes) {
    }
}
