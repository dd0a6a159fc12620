package org.dossierlink.service;

import org.dossierlink.DossierlinkException;
import org.dossierlink.DossierlinkException.ErrorCode;
import org.dossierlink.access.AccessDeniedException;
import org.dossierlink.wire.AccessDeniedFault;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.FaultDetailType;

/**
 * Turns a {@link DossierlinkException} into the typed fault the WSDL declares for its code, with the
 * detail {code, message, field}. The SOAP fault string is the same message: no stack trace, no class
 * names.
 */
public final class FaultMapper {

    private FaultMapper() {
    }

    public static FaultDetailType detail(ErrorCode code, String message, String field) {
        FaultDetailType d = new FaultDetailType();
        d.setCode(code.name());
        d.setMessage(message == null || message.isBlank() ? code.name() : message);
        d.setField(field);
        return d;
    }

    /**
     * The typed fault for {@code e}: one of {@link UnknownOfficeFault}, {@link MalformedNumberFault},
     * {@link NotFoundFault}, {@link InvalidRequestFault}, {@link AccessDeniedFault} (with the reason).
     *
     * @param numberField the request element that carried the number (number, applicationNumber), used
     *                    as the field of a malformed-number fault; null keeps the exception's own field
     */
    public static Exception toFault(DossierlinkException e, String numberField) {
        String field = e.code() == ErrorCode.MALFORMED_NUMBER && numberField != null ? numberField : e.field();
        FaultDetailType detail = detail(e.code(), e.getMessage(), field);
        String message = detail.getMessage();
        if (e instanceof AccessDeniedException denied) {
            detail.setReason(denied.reason().wireName());
        }
        return switch (e.code()) {
            case ACCESS_DENIED -> new AccessDeniedFault(message, detail);
            case UNKNOWN_OFFICE -> new UnknownOfficeFault(message, detail);
            case MALFORMED_NUMBER -> new MalformedNumberFault(message, detail);
            case NOT_FOUND -> new NotFoundFault(message, detail);
            case INVALID_REQUEST -> new InvalidRequestFault(message, detail);
        };
    }

    /** Throws the typed fault for {@code e}; declared so endpoint methods can rethrow it as is. */
    public static RuntimeException raise(DossierlinkException e, String numberField)
            throws UnknownOfficeFault, MalformedNumberFault, NotFoundFault, InvalidRequestFault, AccessDeniedFault {
        throw rethrow(toFault(e, numberField));
    }

    /** Throws one of the typed faults as its own type (an InvalidRequestFault when it is none of the others). */
    static RuntimeException rethrow(Exception fault)
            throws UnknownOfficeFault, MalformedNumberFault, NotFoundFault, InvalidRequestFault, AccessDeniedFault {
        if (fault instanceof AccessDeniedFault f) {
            throw f;
        }
        if (fault instanceof UnknownOfficeFault f) {
            throw f;
        }
        if (fault instanceof MalformedNumberFault f) {
            throw f;
        }
        if (fault instanceof NotFoundFault f) {
            throw f;
        }
        throw (InvalidRequestFault) fault;
    }
}
