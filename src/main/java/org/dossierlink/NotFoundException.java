package org.dossierlink;

/** The thing asked for (application, document) is not in this node's store. */
public class NotFoundException extends DossierlinkException {
    public NotFoundException(String message, String field) {
        super(message, field);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.NOT_FOUND;
    }
}
