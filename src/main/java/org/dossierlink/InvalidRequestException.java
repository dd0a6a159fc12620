package org.dossierlink;

/** The request is not one the service can answer: a missing or out-of-range parameter. */
public class InvalidRequestException extends DossierlinkException {
    public InvalidRequestException(String message, String field) {
        super(message, field);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.INVALID_REQUEST;
    }
}
