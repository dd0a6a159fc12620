package org.dossierlink.number;

import java.util.Locale;

/** What a number identifies. A priority number is the application number of the earlier filing. */
public enum NumberType {
    APPLICATION, PUBLICATION, PRIORITY;

    /** The lower-case name used on the wire and in the CLI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; null or blank gives {@code fallback}. */
    public static NumberType parse(String text, NumberType fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        for (NumberType t : values()) {
            if (t.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new org.dossierlink.InvalidRequestException(
                "numberType '" + text + "' is not one of application, publication, priority", "numberType");
    }
}
