package org.dossierlink.dossier;

/** A text with its language (ISO 639-1), or a null language when the source gives none. */
public record LocalizedText(String lang, String text) {
}
