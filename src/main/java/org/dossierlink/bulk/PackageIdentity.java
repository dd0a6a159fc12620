package org.dossierlink.bulk;

import java.util.Objects;

/**
 * What makes two imports "the same package", so that the second resumes the first when it did not finish.
 *
 * @param form      ZIP or concatenated
 * @param packageId the manifest's pkg:packageId (null for the concatenated form)
 * @param sha256    SHA-256 of the manifest entry's bytes (ZIP) or of the whole file (concatenated), hex
 */
public record PackageIdentity(PackageForm form, String packageId, String sha256) {

    public PackageIdentity {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(sha256, "sha256");
    }
}
