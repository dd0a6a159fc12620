package org.dossierlink.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, generating and extending the node's PKCS#12 keystore; the password never comes from the code. */
class SigningKeystoreTest {

    @TempDir
    Path dir;

    private SignatureSettings settings(SignatureAlgorithm algorithm) {
        Path keystore = dir.resolve("signing.p12");
        return new SignatureSettings(keystore, "TEST_KEYSTORE_PASSWORD", SignatureSettings.defaultPasswordFile(keystore),
                algorithm, dir.resolve("trust"), VerificationLimits.defaults());
    }

    @Test
    void demoGeneratesAKeyAndARandomPasswordReadableByTheOwnerOnlyAndSaysSo() throws Exception {
        SignatureSettings s = settings(SignatureAlgorithm.RSA_SHA256);
        List<String> notices = new ArrayList<>();
        SigningKeys keys = SigningKeystore.open(s, true, k -> null, notices::add);

        SigningKey key = keys.current(Instant.now());
        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        assertThat(notices).singleElement().asString().contains("generated a demo signing key").contains(s.keystore().toString())
                .contains(s.passwordFile().toString()).contains(key.fingerprint());
        String password = Files.readString(s.passwordFile()).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.passwordFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s.keystore()))).isEqualTo("rw-------");

        // the next start opens the same key, and says nothing
        notices.clear();
        SigningKeys again = SigningKeystore.open(s, true, k -> null, notices::add);
        assertThat(again.current(Instant.now()).certificate()).isEqualTo(key.certificate());
        assertThat(notices).isEmpty();
    }

    @Test
    void twoDemoNodesGetDifferentPasswords(@TempDir Path other) throws Exception {
        SigningKeystore.open(settings(SignatureAlgorithm.ECDSA_P256_SHA256), true, k -> null, l -> { });
        Path keystore = other.resolve("signing.p12");
        SignatureSettings s2 = new SignatureSettings(keystore, "X", SignatureSettings.defaultPasswordFile(keystore),
                SignatureAlgorithm.ECDSA_P256_SHA256, other, VerificationLimits.defaults());
        SigningKeystore.open(s2, true, k -> null, l -> { });
        assertThat(Files.readString(s2.passwordFile())).isNotEqualTo(Files.readString(dir.resolve("signing.p12.password")));
    }

    @Test
    void theEnvironmentPasswordWinsAndNoPasswordFileIsWritten() {
        SignatureSettings s = settings(SignatureAlgorithm.ECDSA_P256_SHA256);
        Map<String, String> env = Map.of("TEST_KEYSTORE_PASSWORD", "from-the-environment-0123456789");
        SigningKeys keys = SigningKeystore.open(s, true, env::get, l -> { });
        assertThat(keys.current(Instant.now()).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(s.passwordFile()).doesNotExist();
        assertThatThrownBy(() -> SigningKeystore.open(s, false, k -> "a-wrong-password-of-some-length", l -> { }))
                .isInstanceOf(SignatureKeyException.class).hasMessageContaining(s.keystore() + ": wrong keystore password");
    }

    @Test
    void withoutDemoAMissingKeystoreOrPasswordIsAClearError() throws Exception {
        SignatureSettings s = settings(SignatureAlgorithm.RSA_SHA256);
        assertThatThrownBy(() -> SigningKeystore.open(s, false, k -> null, l -> { }))
                .isInstanceOf(SignatureKeyException.class)
                .hasMessageContaining(s.keystore() + ": signing keystore not found").hasMessageContaining("--demo");
        SigningKeystore.open(s, true, k -> null, l -> { });
        Files.delete(s.passwordFile());
        assertThatThrownBy(() -> SigningKeystore.open(s, false, k -> null, l -> { }))
                .hasMessageContaining("no keystore password").hasMessageContaining("TEST_KEYSTORE_PASSWORD")
                .hasMessageContaining(s.passwordFile().toString());
    }

    @Test
    void addedKeysRotateByTheirValidity() {
        SignatureSettings s = settings(SignatureAlgorithm.RSA_SHA256);
        Instant now = Instant.now();
        SigningKeystore.add(s, SelfSignedKeys.generate("old", SignatureAlgorithm.RSA_SHA256, "CN=old",
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(60))), k -> null);
        SigningKeystore.add(s, SelfSignedKeys.generate("new", SignatureAlgorithm.RSA_SHA256, "CN=new",
                now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400))), k -> null);
        SigningKeys keys = SigningKeystore.open(s, false, k -> null, l -> { });
        assertThat(keys.current(now).alias()).isEqualTo("old");
        assertThat(keys.current(now.plus(Duration.ofDays(31))).alias()).isEqualTo("new");
        assertThat(keys.published(now)).extracting(p -> p.key().alias() + ":" + p.status())
                .containsExactly("old:CURRENT", "new:NEXT");
        assertThatThrownBy(() -> SigningKeystore.add(s, SelfSignedKeys.generate("old", SignatureAlgorithm.RSA_SHA256,
                "CN=again", Duration.ofDays(1)), k -> null)).hasMessageContaining("alias 'old' exists already");
    }

    @Test
    void aKeystoreWithoutAKeyOfTheConfiguredAlgorithmIsRefused() {
        SignatureSettings ec = settings(SignatureAlgorithm.ECDSA_P256_SHA256);
        SigningKeystore.add(ec, SelfSignedKeys.generate("rsa", SignatureAlgorithm.RSA_SHA256, "CN=rsa", Duration.ofDays(5)),
                k -> null);
        assertThatThrownBy(() -> SigningKeystore.open(ec, false, k -> null, l -> { }))
                .hasMessageContaining("holds no ecdsa-p256-sha256 key").hasMessageContaining("'rsa' rsa-sha256");
    }

    @Test
    void aDemoKeystoreWithoutAKeyThatSignsNowGetsAFreshDemoKey() {
        SignatureSettings rsa = settings(SignatureAlgorithm.RSA_SHA256);
        SigningKeystore.open(rsa, true, k -> null, l -> { });
        SignatureSettings ec = settings(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThatThrownBy(() -> SigningKeystore.open(ec, false, k -> null, l -> { }))
                .hasMessageContaining("holds no ecdsa-p256-sha256 key");
        List<String> notices = new ArrayList<>();
        SigningKeys keys = SigningKeystore.open(ec, true, k -> null, notices::add);
        assertThat(keys.current(Instant.now()).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(keys.all()).hasSize(2);
        assertThat(notices).singleElement().asString().startsWith("generated a demo signing key 'demo-ecdsa-p256-sha256-");
    }
}
