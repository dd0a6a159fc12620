package org.dossierlink.service;

/** The two family definitions a caller can ask for. */
public enum FamilyKind {
    /** Same set of priorities (DOCDB simple family). */
    SIMPLE,
    /** Transitively sharing at least one priority (INPADOC extended family). */
    EXTENDED
}
