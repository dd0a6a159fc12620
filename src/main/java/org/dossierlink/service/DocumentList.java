package org.dossierlink.service;

import java.util.List;
import java.util.Objects;

import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.DocumentInfo;

/** The file-wrapper documents of one application. */
public record DocumentList(ApplicationRef application, List<DocumentInfo> documents) {
    public DocumentList {
        Objects.requireNonNull(application, "application");
        documents = List.copyOf(documents);
    }
}
