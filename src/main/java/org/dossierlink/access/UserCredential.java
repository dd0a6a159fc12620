package org.dossierlink.access;

import java.util.Objects;

/**
 * A WS-Security UsernameToken user: the name a partner system sends, the office it acts for, and
 * the salted hash of its password (never the password).
 */
public record UserCredential(String username, String office, PasswordHash password) {
    public UserCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(password, "password");
    }
}
