package org.dossierlink.number;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Texts made by cutting and splicing real numbers with separators, letters and Japanese markers: every
 * one must either normalise to a well-formed result or give a {@link MalformedNumberException}; no other
 * exception may escape (a NumberFormatException or an index error would be a bug on the SOAP edge).
 */
class NumberNormalizerRobustnessTest {

    private static final List<String> PIECES = List.of(
            "EP", "US", "JP", "WO", "PCT", "KR", "CN", "RE", "ZL", "P", "H", "S", "A1", "B2", "W", "X", ".", "/",
            "-", ",", " ", "05255002.7", "1612402", "13/167,395", "60/984,910", "2013-123456", "10-2016-0063019",
            "201110076986.7", "2016", "US2016", "015853", "09", "54677", "特願", "特開", "平成", "年", "第", "号",
            "２０１３", "0", "9", "99", "123456", "1234567", "12345678", "E", "F", "U", "00");
    private static final List<String> OFFICES = List.of("EP", "US", "JP", "WO", "KR", "CN", "AU", "CA", "GB", "DE", "RU");

    @Test
    void randomTextsGiveAResultOrAMalformedNumber() {
        NumberNormalizer normalizer = new NumberNormalizer();
        Random random = new Random(20261125L);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String office = OFFICES.get(random.nextInt(OFFICES.size()));
            NumberType type = NumberType.values()[random.nextInt(3)];
            LocalDate date = random.nextBoolean() ? null : LocalDate.of(1990 + random.nextInt(36), 1 + random.nextInt(12), 1);
            try {
                NormalizedNumber n = normalizer.normalize(office, text.toString(), type, date);
                assertThat(n.country()).as(text.toString()).matches("[A-Z]{2}");
                assertThat(n.number()).as(text.toString()).matches("[0-9A-Z]+");
                if (n.kind() != null) {
                    assertThat(n.kind()).as(text.toString()).matches("[A-Z][0-9]?");
                }
                assertThat(n.type()).isEqualTo(type);
                accepted++;
            } catch (MalformedNumberException e) {
                assertThat(e.getMessage()).contains("for example");
                refused++;
            }
        }
        // Both outcomes occur, so the generator exercises both paths.
        assertThat(accepted).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }
}
