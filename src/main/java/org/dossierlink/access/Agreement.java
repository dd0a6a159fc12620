package org.dossierlink.access;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.dossierlink.dossier.DocumentGroup;

/**
 * An agreement by which the providing office shares its dossiers with the accessing office.
 *
 * @param accessing  ST.3 code of the office that sees the dossiers
 * @param providing  ST.3 code of the office that holds them
 * @param start      first day of sharing
 * @param end        last day of sharing (inclusive), or null when open-ended
 * @param categories the document categories shared; empty means all
 * @param confirmed  false while the agreement waits for confirmation: it then allows nothing
 */
public record Agreement(String accessing, String providing, LocalDate start, LocalDate end,
                        Set<DocumentGroup> categories, boolean confirmed) {

    public Agreement {
        Objects.requireNonNull(accessing, "accessing");
        Objects.requireNonNull(providing, "providing");
        Objects.requireNonNull(start, "start");
        categories = categories == null || categories.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(categories));
    }

    /** True when every category is shared. */
    public boolean allCategories() {
        return categories.isEmpty();
    }

    /** True when {@code on} lies from {@link #start} to {@link #end}, both included (ignores confirmation). */
    public boolean covers(LocalDate on) {
        return !on.isBefore(start) && (end == null || !on.isAfter(end));
    }
}
