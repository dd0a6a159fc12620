package org.dossierlink.dossier;

import java.util.Locale;

/** Global Dossier style document groups. */
public enum DocumentGroup {
    APPLICATION, OFFICE_ACTION, SEARCH, CITATION, APPLICANT_REPLY, GRANT, OTHER;

    /** application, office-action, search... as in the canonical schema. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DocumentGroup fromWireName(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
