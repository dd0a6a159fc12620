package org.dossierlink.testsupport;

import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.number.MalformedNumberException;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.number.UnknownOfficeException;
import org.dossierlink.service.NumberNormalizerPort;

/**
 * Test stand-in for {@code org.dossierlink.number.NumberNormalizer}: knows six offices and accepts
 * an optional office prefix, digits with the usual separators, and an optional kind
 * ("EP 10167109", "EP.10167109.A1", "US 13/167,395", "JP 2010-123456"). Enough for the SOAP tests.
 */
public final class StandInNumberNormalizer implements NumberNormalizerPort {

    private static final Set<String> OFFICES = Set.of("EP", "US", "JP", "CN", "KR", "WO");
    private static final Pattern FORM =
            Pattern.compile("(?:([A-Z]{2})[ .]?)?([0-9][0-9 /,.\\-]*[0-9]|[0-9])(?:[ .]([A-Z][0-9]?))?");

    @Override
    public NormalizedNumber normalize(String office, String text, NumberType type) {
        String cc = office == null ? "" : office.trim().toUpperCase(Locale.ROOT);
        if (!OFFICES.contains(cc)) {
            throw new UnknownOfficeException("office '" + office + "' is not one this node knows; known: "
                    + knownOffices());
        }
        Matcher m = FORM.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches() || (m.group(1) != null && !m.group(1).equals(cc))) {
            throw new MalformedNumberException("'" + text + "' is not a " + cc + " " + type.wireName()
                    + " number in any known format", "number");
        }
        String digits = m.group(2).replaceAll("[^0-9]", "");
        String st13 = type == NumberType.PUBLICATION ? null : cc + "1" + digits;
        return new NormalizedNumber(cc, digits, m.group(3), type, text, st13);
    }

    public SortedSet<String> knownOffices() {
        return new TreeSet<>(OFFICES);
    }
}
