package org.dossierlink;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real patent office data, read-only; its folder comes from DOSSIERLINK_CORPUS. */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        String env = System.getenv("DOSSIERLINK_CORPUS");
        Path p = env != null ? Path.of(env) : Path.of("..", "shared", "corpus");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("corpus not found at " + p.toAbsolutePath()
                    + ": set DOSSIERLINK_CORPUS to the shared/corpus folder");
        }
        return p;
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("corpus file missing: " + p);
        }
        return p;
    }
}
