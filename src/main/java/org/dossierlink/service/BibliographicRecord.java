package org.dossierlink.service;

import java.util.List;
import java.util.Objects;

import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;

/** A dossier record with the list of its documents, as GetBibliographicData answers it. */
public record BibliographicRecord(Dossier dossier, List<DocumentInfo> documents) {
    public BibliographicRecord {
        Objects.requireNonNull(dossier, "dossier");
        documents = List.copyOf(documents);
    }
}
