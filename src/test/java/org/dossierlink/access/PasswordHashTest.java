package org.dossierlink.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** PBKDF2 password hashes: round trip, wrong passwords, tampered encodings, the iteration floor. */
class PasswordHashTest {

    private static final PasswordHash HASH = PasswordHash.create("correct horse battery staple".toCharArray());

    @Test
    void aHashRoundTripsThroughItsEncodingAndMatchesOnlyItsPassword() {
        String encoded = HASH.encoded();
        assertThat(encoded).matches("pbkdf2-sha256\\$210000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}");
        PasswordHash back = PasswordHash.parse(encoded);
        assertThat(back).isEqualTo(HASH);
        assertThat(back.encoded()).isEqualTo(encoded);
        assertThat(back.iterations()).isEqualTo(PasswordHash.MIN_ITERATIONS);
        assertThat(back.matches("correct horse battery staple".toCharArray())).isTrue();
        assertThat(back.matches("correct horse battery stapler".toCharArray())).isFalse();
        assertThat(back.matches("Correct horse battery staple".toCharArray())).isFalse();
        assertThat(back.matches(new char[0])).isFalse();
        assertThat(back.matches(null)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        PasswordHash again = PasswordHash.create("correct horse battery staple".toCharArray());
        assertThat(again.encoded()).isNotEqualTo(HASH.encoded());
        assertThat(again.digestKey()).isNotEqualTo(HASH.digestKey());
        assertThat(Base64.getDecoder().decode(again.encoded().split("\\$")[2])).hasSize(16);
    }

    @Test
    void theDigestKeyIsTheBase64OfTheDerivedHashAndToStringHidesIt() {
        String[] parts = HASH.encoded().split("\\$");
        assertThat(HASH.digestKey()).isEqualTo(parts[3]);
        assertThat(Base64.getDecoder().decode(HASH.digestKey())).hasSize(32);
        assertThat(HASH.toString()).isEqualTo("pbkdf2-sha256$210000$(salt and hash hidden)")
                .doesNotContain(parts[2]).doesNotContain(parts[3]);
    }

    @Test
    void aTamperedHashNoLongerMatches() {
        String[] parts = HASH.encoded().split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        hash[31] ^= 1;
        PasswordHash tampered = PasswordHash.parse(parts[0] + "$" + parts[1] + "$" + parts[2] + "$"
                + Base64.getEncoder().encodeToString(hash));
        assertThat(tampered.matches("correct horse battery staple".toCharArray())).isFalse();
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        salt[0] ^= 1;
        PasswordHash otherSalt = PasswordHash.parse(parts[0] + "$" + parts[1] + "$" + Base64.getEncoder().encodeToString(salt)
                + "$" + parts[3]);
        assertThat(otherSalt.matches("correct horse battery staple".toCharArray())).isFalse();
    }

    @Test
    void moreIterationsThanTheFloorAreAcceptedAndChecked() {
        String[] parts = HASH.encoded().split("\\$");
        PasswordHash more = PasswordHash.parse(parts[0] + "$210001$" + parts[2] + "$" + parts[3]);
        assertThat(more.iterations()).isEqualTo(210_001);
        assertThat(more.matches("correct horse battery staple".toCharArray())).as("iterations are part of the hash").isFalse();
    }

    @Test
    void aMalformedEncodingIsRefusedWithItsReason() {
        String[] p = HASH.encoded().split("\\$");
        assertRefused(null, "the password hash is empty");
        assertRefused(" ", "the password hash is empty");
        assertRefused("secret", "a password hash has the form pbkdf2-sha256$ITERATIONS$SALT$HASH (4 parts separated by $), found 1 part");
        assertRefused(p[0] + "$" + p[1] + "$" + p[2], "found 3 parts");
        assertRefused("bcrypt$" + p[1] + "$" + p[2] + "$" + p[3], "unknown password hash scheme 'bcrypt' (supported: pbkdf2-sha256)");
        assertRefused(p[0] + "$many$" + p[2] + "$" + p[3], "the iteration count 'many' is not a number");
        assertRefused(p[0] + "$209999$" + p[2] + "$" + p[3], "the password hash uses 209999 iterations; at least 210000 are required");
        assertRefused(p[0] + "$1000$" + p[2] + "$" + p[3], "uses 1000 iterations");
        assertRefused(p[0] + "$2000000000$" + p[2] + "$" + p[3], "at most 10000000 are accepted");
        assertRefused(p[0] + "$" + p[1] + "$not*base64$" + p[3], "the salt is not base64");
        assertRefused(p[0] + "$" + p[1] + "$" + p[2] + "$%%%", "the hash is not base64");
        assertRefused(p[0] + "$" + p[1] + "$AAAA$" + p[3], "the salt is 3 bytes; it must be 16");
        assertRefused(p[0] + "$" + p[1] + "$" + p[2] + "$AAAA", "the hash is 3 bytes; it must be 32");
        assertRefused(p[0] + "$" + p[1] + "$" + p[2] + "$", "the hash is 0 bytes; it must be 32");
    }

    @Test
    void anEmptyPasswordIsNotHashed() {
        assertThatThrownBy(() -> PasswordHash.create(new char[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the password is empty");
    }

    private static void assertRefused(String encoded, String reason) {
        assertThatThrownBy(() -> PasswordHash.parse(encoded)).as(encoded).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
