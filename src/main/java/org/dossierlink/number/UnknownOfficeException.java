package org.dossierlink.number;

import org.dossierlink.DossierlinkException;

/** The office code is not an ST.3 code this node knows. */
public class UnknownOfficeException extends DossierlinkException {
    public UnknownOfficeException(String message) {
        super(message, "office");
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.UNKNOWN_OFFICE;
    }
}
