package org.dossierlink.bulk;

import java.util.Locale;

/** The two accepted forms of a package. */
public enum PackageForm {
    /** A ZIP with a signed manifest. */
    ZIP,
    /** One XML file of dossiers in sequence (a pkg:dossiers wrapper, or concatenated XML documents). */
    CONCATENATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PackageForm fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
