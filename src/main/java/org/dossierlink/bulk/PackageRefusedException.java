package org.dossierlink.bulk;

import org.dossierlink.InvalidRequestException;

/**
 * A package refused whole: not a package, unreadable ZIP, manifest missing or malformed, manifest
 * signature missing or not verified. Nothing of it was stored. The message names the file, the entry
 * (and line) and the reason.
 */
public final class PackageRefusedException extends InvalidRequestException {

    public PackageRefusedException(String message) {
        super(message, "package");
    }
}
