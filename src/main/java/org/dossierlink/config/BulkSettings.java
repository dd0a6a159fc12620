package org.dossierlink.config;

import java.nio.file.Path;

/**
 * How the node runs the bulk imports submitted over SOAP (SubmitPackage).
 *
 * @param workDir           where uploads are spooled and receipts kept; null means {@code bulk} in the data folder
 * @param maxPackageBytes   largest package accepted (bytes)
 * @param concurrentImports imports that run at the same time (1 or 2 on a small node)
 * @param queueLimit        packages that may wait for a slot; one more is refused until a slot frees
 */
public record BulkSettings(Path workDir, long maxPackageBytes, int concurrentImports, int queueLimit) {

    public static final long DEFAULT_MAX_PACKAGE_BYTES = 4L * 1024 * 1024 * 1024;
    public static final int DEFAULT_CONCURRENT_IMPORTS = 1;
    public static final int DEFAULT_QUEUE_LIMIT = 16;

    public BulkSettings {
        if (maxPackageBytes < 1) {
            throw new IllegalArgumentException("maxPackageBytes must be positive");
        }
        if (concurrentImports < 1 || queueLimit < 1) {
            throw new IllegalArgumentException("concurrentImports and queueLimit must be positive");
        }
    }

    public static BulkSettings defaults() {
        return new BulkSettings(null, DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_CONCURRENT_IMPORTS, DEFAULT_QUEUE_LIMIT);
    }

    /** The work folder: the configured one, or {@code bulk} in {@code dataDir}. */
    public Path workDir(Path dataDir) {
        return workDir != null ? workDir : dataDir.resolve("bulk");
    }

    public BulkSettings withWorkDir(Path dir) {
        return new BulkSettings(dir, maxPackageBytes, concurrentImports, queueLimit);
    }

    public BulkSettings withMaxPackageBytes(long bytes) {
        return new BulkSettings(workDir, bytes, concurrentImports, queueLimit);
    }
}
