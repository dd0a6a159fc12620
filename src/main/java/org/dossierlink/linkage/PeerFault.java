package org.dossierlink.linkage;

/**
 * A typed fault a peer answered with, as its detail says it.
 *
 * @param element the detail element's local name (AccessDeniedFault, NotFoundFault...)
 * @param code    the detail's code (ACCESS_DENIED...)
 * @param message the detail's message
 * @param field   the request field it names, or null
 * @param reason  the detail's reason (an access-denial reason, a WS-Security fault code), or null
 * @param node    the node that refused, when the peer says it was another one further on, or null
 */
public record PeerFault(String element, String code, String message, String field, String reason, String node) {
}
