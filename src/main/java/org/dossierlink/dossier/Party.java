package org.dossierlink.dossier;

/** An applicant or inventor: name as the source writes it, and residence country where known. */
public record Party(int sequence, String name, String country) {
}
