package org.dossierlink.dossier;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A priority claimed by an application: the earlier application, by normalised number.
 *
 * @param sequence       1-based order in the claiming application
 * @param country        ST.3 code of the earlier application's office (WO for a PCT application)
 * @param number         its normalised DOCDB application number
 * @param originalNumber the number as written in the source, or null
 * @param date           its filing date, or null
 * @param kind           national/regional/international as stated by the source, or null
 * @param active         false when DOCDB marks the priority inactive (priority-active-indicator NO)
 */
public record PriorityClaim(int sequence, String country, String number, String originalNumber,
                            LocalDate date, PriorityKind kind, boolean active) {

    public PriorityClaim {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(number, "number");
    }

    /** Same form as {@link ApplicationRef#key()}: a priority is the earlier application's key. */
    public String key() {
        return country + number;
    }

    public String docdb() {
        return country + "." + number;
    }

    /** A PCT application, decided from the number itself. */
    public boolean isPct() {
        return "WO".equals(country);
    }
}
