package org.dossierlink.dossier;

import java.time.LocalDate;
import java.util.Objects;

/** One document of a dossier's file wrapper, without its content. */
public record DocumentInfo(String id, String code, String description, DocumentGroup group, LocalDate date,
                           Direction direction, String language, String mediaType, Integer pages,
                           long size, String sha256) {

    public DocumentInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** XML content travels inline; everything else as an attachment. */
    public boolean isXml() {
        return mediaType.equals("application/xml") || mediaType.equals("text/xml") || mediaType.endsWith("+xml");
    }
}
