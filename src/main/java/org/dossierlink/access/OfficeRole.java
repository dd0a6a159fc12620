package org.dossierlink.access;

import java.util.Locale;

/** How an office takes part in dossier sharing. */
public enum OfficeRole {
    /** The office provides its dossiers to the offices it has agreements with, and sees theirs. */
    PROVIDING_AND_ACCESSING,
    /** The office sees other offices' dossiers but provides none of its own. */
    ACCESSING_ONLY;

    /** {@code providing-and-accessing} or {@code accessing-only}, as {@code offices.xml} writes it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The role named by its {@link #configName()}.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static OfficeRole fromConfigName(String text) {
        for (OfficeRole r : values()) {
            if (r.configName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown office role '" + text + "' (roles: providing-and-accessing, accessing-only)");
    }
}
