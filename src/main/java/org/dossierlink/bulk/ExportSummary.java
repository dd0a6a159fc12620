package org.dossierlink.bulk;

/**
 * What an export wrote.
 *
 * @param packageId      the manifest's pkg:packageId
 * @param items          dossier entries (one per application)
 * @param documents      document content entries
 * @param manifestSha256 SHA-256 of the manifest entry, hex (the package's identity on import)
 */
public record ExportSummary(String packageId, long items, long documents, String manifestSha256) {
}
