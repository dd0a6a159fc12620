package org.dossierlink.number;

import java.util.Objects;

/**
 * A patent number in its normalised DOCDB-style form.
 *
 * @param country ST.3 code of the issuing office (WO for PCT applications and publications)
 * @param number  the DOCDB number part, digits (and, for some offices, letters) without separators
 * @param kind    the kind code (A, B1, A1, P for a US provisional...), or null when unknown
 * @param type    what the number identifies
 * @param original the text as it was given
 * @param st13    the WIPO ST.13 form of an application number, or null where none is defined
 */
public record NormalizedNumber(String country, String number, String kind, NumberType type,
                               String original, String st13) {

    public NormalizedNumber {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(original, "original");
    }

    /** CC.number.kind, or CC.number when the kind is unknown. */
    public String docdb() {
        return kind == null ? country + "." + number : country + "." + number + "." + kind;
    }

    /** Country and number without kind: the key the store and the family index use. */
    public String key() {
        return country + number;
    }
}
