package org.dossierlink.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dossierlink.config.ConfigException;

/**
 * The offices this node knows, their credentials and quotas, and the agreements by which they share
 * dossiers: {@code conf/offices.xml} (key {@code access.offices}), in the form of {@code xsd/offices.xsd}.
 *
 * <p>{@link #load} validates the file against the schema, then checks what the schema cannot say: ST.3
 * office codes, each configured once; agreements that name configured offices, two different ones, and
 * do not end before they start; known document categories; unique usernames; well-formed password
 * hashes; SHA-256 certificate fingerprints, each naming one office; positive quotas. Every problem is
 * reported in one {@link ConfigException}, one line each: {@code FILE:LINE:COL: reason}.
 *
 * <p>Immutable and thread-safe; {@link #policy()} answers access questions from maps built at load.
 */
public final class Offices {

    private final List<Office> offices;
    private final Map<String, Office> byCode;
    private final List<Agreement> agreements;
    private final List<UserCredential> users;
    private final Map<String, UserCredential> byUsername;
    private final Map<String, String> officeByCertificate;
    private final AccessPolicy policy;

    Offices(List<Office> offices, List<Agreement> agreements, List<UserCredential> users,
            Map<String, String> officeByCertificate) {
        this.offices = List.copyOf(offices);
        Map<String, Office> codes = new LinkedHashMap<>();
        offices.forEach(o -> codes.put(o.code(), o));
        this.byCode = Map.copyOf(codes);
        this.agreements = List.copyOf(agreements);
        this.users = List.copyOf(users);
        Map<String, UserCredential> names = new HashMap<>();
        users.forEach(u -> names.put(u.username(), u));
        this.byUsername = Map.copyOf(names);
        this.officeByCertificate = Map.copyOf(officeByCertificate);
        this.policy = new AccessPolicy(this.offices, this.agreements);
    }

    /**
     * Reads and checks an offices file.
     *
     * @throws ConfigException listing every problem, one per line, each {@code FILE:LINE:COL: reason}
     *                         (the path as given)
     */
    public static Offices load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": offices file not found (access.offices)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the offices file: " + e.getMessage());
        }
    }

    /** No offices and no agreements: a demo node without an offices file, where every caller is the demo office. */
    public static Offices none() {
        return new Offices(List.of(), List.of(), List.of(), Map.of());
    }

    /** Like {@link #load(Path)}, from a stream; {@code source} names it in the messages. */
    public static Offices parse(InputStream in, String source) {
        return OfficesFileReader.read(in, source);
    }

    /** The office with this ST.3 code. */
    public Optional<Office> office(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    /** Every office, in file order. */
    public List<Office> offices() {
        return offices;
    }

    /** Every agreement, in file order. */
    public List<Agreement> agreements() {
        return agreements;
    }

    /** Who may see whose dossiers, when. */
    public AccessPolicy policy() {
        return policy;
    }

    /** The UsernameToken user of this name (names are case-sensitive). */
    public Optional<UserCredential> user(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byUsername.get(username));
    }

    /** Every UsernameToken user, in file order. */
    public List<UserCredential> users() {
        return users;
    }

    /**
     * The office a TLS client certificate identifies, by the certificate's SHA-256 fingerprint in hex (upper
     * or lower case, with or without colons).
     */
    public Optional<String> officeForCertificate(String sha256Hex) {
        String key = normalizeFingerprint(sha256Hex);
        return key == null ? Optional.empty() : Optional.ofNullable(officeByCertificate.get(key));
    }

    /** The fingerprints of every configured client certificate (lower-case hex) and the office each names. */
    public Map<String, String> certificates() {
        return officeByCertificate;
    }

    /** 64 lower-case hex digits, or null when {@code text} is not a SHA-256 fingerprint. */
    static String normalizeFingerprint(String text) {
        if (text == null) {
            return null;
        }
        String hex = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        return hex.matches("[0-9a-f]{64}") ? hex : null;
    }
}
