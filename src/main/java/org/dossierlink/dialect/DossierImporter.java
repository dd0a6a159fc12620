package org.dossierlink.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.number.NumberNormalizer;

/**
 * Loads dossier files into a store, in any dialect {@link DialectDetector} detects. Every record of a
 * file is read and checked before the first is saved, so a bad file stores nothing. Saving is
 * idempotent: importing the same file twice leaves the store as it was.
 */
public final class DossierImporter {

    /** What one file did to the store. */
    public record Result(Path file, Dialect dialect, int inserted, int updated, int unchanged) {
        public int total() {
            return inserted + updated + unchanged;
        }
    }

    private final DossierStore store;
    private final DocdbExchangeReader docdb;
    private final DialectConverter converter;

    public DossierImporter(DossierStore store, NumberNormalizer normalizer, DialectConverter converter) {
        this.store = store;
        this.docdb = new DocdbExchangeReader(normalizer);
        this.converter = converter;
    }

    public Result importFile(Path file) {
        Dialect format;
        List<Dossier> records;
        try {
            format = DialectDetector.detect(file).dialect();
            try (InputStream in = Files.newInputStream(file)) {
                records = read(format, in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException(file + ": no such file", "file");
        } catch (IOException e) {
            throw new InvalidRequestException(file + ": cannot read: " + e.getMessage(), "file");
        }
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        for (Dossier d : records) {
            switch (store.save(d)) {
                case INSERTED -> inserted++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new Result(file, format, inserted, updated, unchanged);
    }

    /** Reads all records of a stream in a known format, without storing them. */
    public List<Dossier> read(Dialect format, InputStream in, String sourceName) {
        return switch (format) {
            case CANONICAL -> canonical(in, sourceName);
            case DOCDB -> docdb.read(in, sourceName);
            default -> {
                byte[] canonical = converter.toCanonical(format, converter.parse(in, sourceName), sourceName);
                yield canonical(new java.io.ByteArrayInputStream(canonical), sourceName + " (as canonical)");
            }
        };
    }

    private static List<Dossier> canonical(InputStream in, String sourceName) {
        List<Dossier> out = new ArrayList<>();
        for (CanonicalDossierXml.Entry e : CanonicalDossierXml.read(in, sourceName)) {
            out.add(e.dossier());
        }
        return out;
    }
}
