package org.dossierlink.number;

import org.dossierlink.DossierlinkException;

/** The number text matches none of the office's known formats. */
public class MalformedNumberException extends DossierlinkException {
    public MalformedNumberException(String message, String field) {
        super(message, field);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.MALFORMED_NUMBER;
    }
}
