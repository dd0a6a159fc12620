package org.dossierlink.number;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any other ST.3 office (DE, FR, RU...), so that their data can be stored: letters and digits are kept,
 * separators (space, dot, slash, dash, comma) dropped, and a kind code is taken off the end when it is
 * separated by a space or dot ({@code RU.2015124071.C1}) or follows digits directly ({@code DE102010012345A1}).
 * {@code RU2015124071} gives {@code RU.2015124071} (as the OPS number service, corpus
 * {@code number_original_to_docdb_RU2015124071.xml}); {@code CH 1974/01} gives {@code CH.197401}.
 * No kind is invented, applications included, and there is no ST.13 form.
 */
final class GenericNumberFormat implements OfficeNumberFormat {

    private static final Pattern NUMBER =
            Pattern.compile("([0-9A-Z][0-9A-Z /.,-]*?[0-9])(?:(?:[ .]|(?<=[0-9]))([A-Z]\\d?))?");
    private static final Pattern SEPARATORS = Pattern.compile("[ /.,-]");

    private final String country;

    GenericNumberFormat(String country) {
        this.country = country;
    }

    @Override
    public NormalizedNumber parse(NumberText t) {
        Matcher m = NUMBER.matcher(t.body());
        if (!m.matches() || t.kindsDisagree(m.group(2))) {
            return null;
        }
        String number = SEPARATORS.matcher(m.group(1)).replaceAll("");
        if (number.length() < 3 || number.length() > 20) {
            return null;
        }
        return t.result(country, number, t.kind(m.group(2)), null);
    }

    @Override
    public String examples(NumberType parseAs) {
        return country + "2015124071, " + country + ".2015124071.C1, " + country + "102010012345A1";
    }
}
