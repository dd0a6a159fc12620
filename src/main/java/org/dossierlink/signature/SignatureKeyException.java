package org.dossierlink.signature;

/** A signing key or keystore that cannot be used; the message names the file, the key and the reason. */
public final class SignatureKeyException extends RuntimeException {

    public SignatureKeyException(String message) {
        super(message);
    }

    public SignatureKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
