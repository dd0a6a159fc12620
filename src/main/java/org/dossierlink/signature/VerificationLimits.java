package org.dossierlink.signature;

import org.dossierlink.xml.XmlLimits;

/**
 * How much structure a signature may have before verification refuses it unread.
 *
 * @param maxReferences most ds:Reference elements in one SignedInfo
 * @param maxTransforms most ds:Transform elements in one Reference
 */
public record VerificationLimits(int maxReferences, int maxTransforms) {

    public VerificationLimits {
        if (maxReferences < 1 || maxTransforms < 1) {
            throw new IllegalArgumentException("signature limits must be at least 1");
        }
    }

    /** The defaults in {@link XmlLimits}. */
    public static VerificationLimits defaults() {
        return new VerificationLimits(XmlLimits.MAX_SIGNATURE_REFERENCES, XmlLimits.MAX_REFERENCE_TRANSFORMS);
    }
}
