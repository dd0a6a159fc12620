package org.dossierlink.linkage;

/** A forwarded request whose Linkage header this node does not accept: the message says why. */
public final class LinkageRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LinkageRefusedException(String message) {
        super(message);
    }

    public LinkageRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
