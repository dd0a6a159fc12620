package org.dossierlink.access;

import java.util.Objects;

/**
 * An office configured in {@code offices.xml}.
 *
 * @param code  WIPO ST.3 code (JP, EP, WO...)
 * @param name  the office's name, for people
 * @param role  whether it provides dossiers or only accesses them
 * @param quota its limits on this node
 */
public record Office(String code, String name, OfficeRole role, Quota quota) {
    public Office {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(quota, "quota");
    }
}
