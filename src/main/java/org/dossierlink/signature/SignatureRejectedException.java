package org.dossierlink.signature;

import java.util.Objects;

/** A signed document that failed verification: {@link #problem()} says which check, the message says what to do. */
public final class SignatureRejectedException extends RuntimeException {

    /** Each check a verification can fail. */
    public enum Problem {
        /** no ds:Signature where one is required */
        UNSIGNED,
        /** the signature is not a well-formed XML-DSig structure */
        MALFORMED,
        /** SHA-1, MD5 or an RSA key below 2048 bits */
        WEAK_ALGORITHM,
        /** an algorithm or transform outside the accepted set (XPath, XSLT, HMAC...) */
        DISALLOWED_ALGORITHM,
        TOO_MANY_REFERENCES,
        TOO_MANY_TRANSFORMS,
        /** a Reference that covers something other than the processed element */
        REFERENCE_OUTSIDE,
        /** a RetrievalMethod, or a Reference to a URL, file or attachment */
        EXTERNAL_REFERENCE,
        /** the referenced ID is carried by more than one element */
        DUPLICATE_ID,
        /** the certificate is not in the trust store */
        UNKNOWN_KEY,
        CERTIFICATE_EXPIRED,
        CERTIFICATE_NOT_YET_VALID,
        /** the signed content changed after signing */
        DIGEST_MISMATCH,
        /** the signature value does not match SignedInfo under the certificate's key */
        SIGNATURE_MISMATCH
    }

    private final Problem problem;

    public SignatureRejectedException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public SignatureRejectedException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
