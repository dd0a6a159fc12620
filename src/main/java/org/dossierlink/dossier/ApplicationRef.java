package org.dossierlink.dossier;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The application a dossier belongs to.
 *
 * @param office         ST.3 code of the receiving office
 * @param number         normalised DOCDB number (no country, no kind)
 * @param kind           DOCDB application kind (A, W for PCT national phase, P for US provisional...), or null
 * @param originalNumber the number as the office writes it, or null
 * @param filingDate     the filing date, or null
 */
public record ApplicationRef(String office, String number, String kind, String originalNumber, LocalDate filingDate) {

    public ApplicationRef {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(number, "number");
    }

    /** Country and number: the application's key in the store, and its key as a priority. */
    public String key() {
        return office + number;
    }

    public String docdb() {
        return kind == null ? office + "." + number : office + "." + number + "." + kind;
    }
}
