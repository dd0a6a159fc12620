package org.dossierlink.jobs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An exported package written to a temporary file, to be streamed to the caller once: the stream
 * {@link #open()} gives deletes the file when closed.
 *
 * @param file      the package
 * @param packageId its manifest's package id
 * @param items     dossiers in it
 * @param size      bytes
 * @param sha256    SHA-256 of its bytes, hex
 */
public record ExportedPackage(Path file, String packageId, long items, long size, String sha256) {

    /** The package's bytes; closing the stream deletes the file. */
    public InputStream open() throws IOException {
        return new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        };
    }

    /** Deletes the file (when it is not going to be streamed after all). */
    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }
}
