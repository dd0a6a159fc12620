package org.dossierlink.jobs;

import org.dossierlink.InvalidRequestException;

/** An upload larger than {@code bulk.max-package-bytes}: refused, nothing of it kept. */
public final class PackageTooLargeException extends InvalidRequestException {

    private final long limit;

    public PackageTooLargeException(long limit) {
        super("the package is larger than " + limit + " bytes, the most this node accepts (bulk.max-package-bytes):"
                + " split it into several packages", "package");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
