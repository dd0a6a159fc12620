package org.dossierlink.dossier;

/** A classification symbol, e.g. scheme CPC, symbol "H04W 84/20". */
public record Classification(Scheme scheme, String symbol) {
    public enum Scheme { IPC, CPC, NATIONAL }
}
