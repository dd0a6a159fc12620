package org.dossierlink.dossier;

/**
 * The kind of a priority claim, as ST.36 writes it. Note that "international" in JP and CN data
 * often means an ordinary foreign priority; whether a claim is a PCT application is decided from
 * its number (country WO), never from this attribute.
 */
public enum PriorityKind {
    NATIONAL, REGIONAL, INTERNATIONAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final java.util.Set<String> REGIONAL_OFFICES = java.util.Set.of("EP", "EA", "AP", "OA", "GC");

    /**
     * The kind decided from a normalised number's country: a PCT application normalises to WO and is
     * international; the regional offices (EP, EA, AP, OA, GC) are regional; every other office national.
     */
    public static PriorityKind ofNormalizedCountry(String country) {
        if ("WO".equals(country)) {
            return INTERNATIONAL;
        }
        return REGIONAL_OFFICES.contains(country) ? REGIONAL : NATIONAL;
    }

    /** Null for null or unknown text: the attribute is optional and unreliable in live data. */
    public static PriorityKind parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        for (PriorityKind k : values()) {
            if (k.wireName().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        return null;
    }
}
