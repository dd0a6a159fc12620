package org.dossierlink.bulk;

import java.util.List;
import java.util.Objects;

import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;

/**
 * One application of an item, ready to store: its record and the documents whose bytes came with it.
 *
 * @param dossier   the record
 * @param documents documents of its file wrapper with their verified bytes (may be empty)
 */
public record StagedRecord(Dossier dossier, List<Document> documents) {

    public StagedRecord {
        Objects.requireNonNull(dossier, "dossier");
        documents = List.copyOf(documents);
    }

    /** A document's description and its bytes, digest and size already checked against the manifest. */
    public record Document(DocumentInfo info, byte[] content) {
        public Document {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(content, "content");
        }
    }
}
