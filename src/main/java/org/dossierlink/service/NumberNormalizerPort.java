package org.dossierlink.service;

import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;

/**
 * What the service needs from number normalisation. Same shape as
 * {@code org.dossierlink.number.NumberNormalizer#normalize}, so the real normaliser plugs in as
 * {@code normalizer::normalize}.
 */
@FunctionalInterface
public interface NumberNormalizerPort {

    /**
     * @throws org.dossierlink.number.UnknownOfficeException   when the office is not one this node knows
     * @throws org.dossierlink.number.MalformedNumberException when the text matches none of the office's formats
     */
    NormalizedNumber normalize(String office, String text, NumberType type);
}
