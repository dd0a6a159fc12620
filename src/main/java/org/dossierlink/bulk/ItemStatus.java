package org.dossierlink.bulk;

import java.util.Locale;

/** What an import did with one item. */
public enum ItemStatus {
    /** New application(s): stored. */
    STORED,
    /** Already stored with the same digest: nothing written. */
    UNCHANGED,
    /** Stored before with other content: replaced, the old version kept in application_history. */
    REPLACED,
    /** Not stored; the reason says why. Never stops the other items. */
    REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
