package org.dossierlink.number;

import java.time.LocalDate;

/**
 * A number text after the office-independent clean-up done by {@link NumberNormalizer}: upper case,
 * ASCII, single spaces, digit-group separators removed, the office's own country prefix removed.
 *
 * @param original    the text as given, trimmed (goes into {@link NormalizedNumber#original()})
 * @param body        the cleaned text the office format matches against
 * @param leadingKind a kind code written before the number, as in the citation form {@code EP-A-0529854},
 *                    or null
 * @param parseAs     APPLICATION or PUBLICATION: the rules to apply (PRIORITY is parsed as APPLICATION)
 * @param resultType  the type reported in the result (the type the caller asked for)
 * @param filingDate  the filing date when the caller knows it, or null
 */
record NumberText(String original, String body, String leadingKind, NumberType parseAs,
                  NumberType resultType, LocalDate filingDate) {

    boolean application() {
        return parseAs == NumberType.APPLICATION;
    }

    /** The kind written before or after the number; the two must not disagree. */
    String kind(String trailingKind) {
        if (leadingKind == null) {
            return trailingKind;
        }
        if (trailingKind == null || trailingKind.equals(leadingKind)) {
            return leadingKind;
        }
        return null;
    }

    /** True when a kind was written before and another one after the number. */
    boolean kindsDisagree(String trailingKind) {
        return leadingKind != null && trailingKind != null && !leadingKind.equals(trailingKind);
    }

    NormalizedNumber result(String country, String number, String kind, String st13) {
        return new NormalizedNumber(country, number, kind, resultType, original, st13);
    }
}
