package org.dossierlink.family;

import java.util.Locale;

import org.dossierlink.InvalidRequestException;

/** The two family definitions a lookup can ask for. */
public enum FamilyType {
    /** Same set of (effective) priorities, like a DOCDB simple family. */
    SIMPLE,
    /** Transitively sharing at least one priority, like an INPADOC extended family. */
    EXTENDED;

    /** simple / extended, as on the wire and in the CLI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; null or blank gives {@code fallback}. */
    public static FamilyType parse(String text, FamilyType fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        for (FamilyType t : values()) {
            if (t.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidRequestException("familyType '" + text + "' is not one of simple, extended", "familyType");
    }
}
