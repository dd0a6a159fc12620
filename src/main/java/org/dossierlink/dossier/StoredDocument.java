package org.dossierlink.dossier;

/** A document's description and its bytes. */
public record StoredDocument(DocumentInfo info, byte[] content) {
}
