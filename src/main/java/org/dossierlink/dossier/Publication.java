package org.dossierlink.dossier;

import java.time.LocalDate;
import java.util.Objects;

/** A publication of an application (A1, B1, B2...). Number normalised, DOCDB style. */
public record Publication(String country, String number, String kind, LocalDate date) {

    public Publication {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(number, "number");
    }

    public String key() {
        return country + number;
    }

    public String docdb() {
        return kind == null ? country + "." + number : country + "." + number + "." + kind;
    }
}
