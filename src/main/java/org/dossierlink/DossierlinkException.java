package org.dossierlink;

/**
 * A failure a caller can act on. Each subclass carries a stable {@link ErrorCode}; the SOAP edge
 * maps it to the typed fault declared in the WSDL, the CLI prints its message on one line.
 */
public abstract class DossierlinkException extends RuntimeException {

    /** Stable codes, shared by SOAP fault details and CLI messages. */
    public enum ErrorCode { UNKNOWN_OFFICE, MALFORMED_NUMBER, NOT_FOUND, INVALID_REQUEST, ACCESS_DENIED }

    private final String field;

    protected DossierlinkException(String message, String field) {
        super(message);
        this.field = field;
    }

    protected DossierlinkException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public abstract ErrorCode code();

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
