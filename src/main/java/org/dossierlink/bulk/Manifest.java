package org.dossierlink.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.dossierlink.dialect.Dialect;

/**
 * A manifest's header (everything before {@code pkg:items}); the items are streamed one by one
 * ({@link ManifestReader}), never held together.
 *
 * @param sendingOffice ST.3 code of the sending office
 * @param created       when the package was made
 * @param packageId     the sender's identifier for it
 * @param since         for exports: changes after this time; null otherwise
 * @param itemCount     how many items the manifest lists
 */
public record Manifest(String sendingOffice, Instant created, String packageId, Instant since, long itemCount) {

    public Manifest {
        Objects.requireNonNull(sendingOffice, "sendingOffice");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(packageId, "packageId");
    }

    /**
     * One pkg:item.
     *
     * @param seq      1, 2, 3... in manifest order
     * @param path     the dossier entry
     * @param dialect  the dialect the entry is in
     * @param sha256   its SHA-256, hex
     * @param size     its size in bytes
     * @param contents the document content entries that go with it
     */
    public record Item(long seq, String path, Dialect dialect, String sha256, long size, List<Content> contents) {
        public Item {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(sha256, "sha256");
            contents = List.copyOf(contents);
        }
    }

    /** One pkg:content: the bytes of one document of the item's record. */
    public record Content(String documentId, String path, String mediaType, String sha256, long size) {
        public Content {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
