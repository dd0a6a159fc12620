package org.dossierlink.validation;

import java.util.Locale;

import org.dossierlink.InvalidRequestException;

/** How strictly a document is held to its schema. */
public enum ValidationMode {
    /** Every schema violation is an error. */
    STRICT,
    /** The known drift of live data ({@link DriftRule}) is reported as warnings; everything else is an error. */
    TOLERANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValidationMode parse(String name, String field) {
        if (name != null) {
            for (ValidationMode m : values()) {
                if (m.wireName().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new InvalidRequestException("unknown validation mode '" + name + "'; supported: strict, tolerant", field);
    }
}
