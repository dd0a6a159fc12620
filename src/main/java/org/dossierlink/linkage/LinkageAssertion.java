package org.dossierlink.linkage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import java.util.UUID;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.dossierlink.signature.ExclusiveC14nWriter;
import org.dossierlink.signature.PayloadSigner;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code msg:Linkage} SOAP header a node puts on every request it forwards to a peer: on whose behalf
 * (the calling office), which request, how far it has travelled (hops, visited nodes), when. Signed by the
 * forwarding node with its signing key; {@link LinkageAssertionCheck} verifies it on the receiving side.
 *
 * @param fromNode  the forwarding node's name
 * @param office    the calling office the request acts for
 * @param requestId the request id at the first node (for the logs of every node it passes)
 * @param issued    when the forwarding node signed it
 * @param hops      how many times the request has been forwarded, this time included
 * @param visited   the nodes that have seen or are being asked this request: none of them is asked again
 * @param budgetMillis how long the forwarding node waits for the answer (0: not said)
 */
public record LinkageAssertion(String fromNode, String office, String requestId, Instant issued, int hops,
                               List<String> visited, long budgetMillis) {

    public static final String NS = "urn:dossierlink:messages:1";
    public static final String ELEMENT = "Linkage";
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public LinkageAssertion {
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(issued, "issued");
        visited = List.copyOf(visited);
        if (hops < 1) {
            throw new IllegalArgumentException("a forwarded request has made at least one hop");
        }
        if (budgetMillis < 0) {
            throw new IllegalArgumentException("a budget is not negative");
        }
    }

    /** Without a budget. */
    public LinkageAssertion(String fromNode, String office, String requestId, Instant issued, int hops,
                            List<String> visited) {
        this(fromNode, office, requestId, issued, hops, visited, 0);
    }

    /** The same assertion with a budget. */
    public LinkageAssertion withBudget(java.time.Duration budget) {
        return new LinkageAssertion(fromNode, office, requestId, issued, hops, visited, Math.max(1, budget.toMillis()));
    }

    /** How long a node that forwards this request further may let its own peers take; null when not said. */
    public java.time.Duration onwardBudget() {
        return budgetMillis == 0 ? null : java.time.Duration.ofMillis(Math.max(1, budgetMillis * 4 / 5));
    }

    /** True for a name a node may have (node.name): letters, digits, dots, dashes, underscores, up to 64. */
    public static boolean validNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches();
    }

    /**
     * The header element, signed by {@code signer}: its exact bytes, to put in the SOAP Header as they are.
     * It is written straight into its exclusive canonical form and signed from that form's digest (no DOM: this
     * runs once per peer on every forwarded request); the signature is the one {@link PayloadSigner#sign(Element)}
     * puts on the same element.
     */
    public byte[] sign(PayloadSigner signer) {
        ExclusiveC14nWriter header = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, "dl-" + UUID.randomUUID(), 512);
        try {
            header.writeStartElement("msg", ELEMENT, NS);
            header.writeNamespace("msg", NS);
            add(header, "fromNode", fromNode);
            add(header, "office", office);
            add(header, "requestId", requestId);
            add(header, "issued", issued.toString());
            add(header, "hops", Integer.toString(hops));
            for (String v : visited) {
                add(header, "visited", v);
            }
            if (budgetMillis > 0) {
                add(header, "budgetMillis", Long.toString(budgetMillis));
            }
            header.writeEndElement();
        } catch (XMLStreamException e) {
            // a character XML 1.0 cannot hold, in the office or request id a caller sent
            throw new LinkageRefusedException("cannot write the Linkage header: " + e.getMessage());
        }
        return header.toByteArrayWith(signer.sign(header));
    }

    private static void add(XMLStreamWriter parent, String name, String text) throws XMLStreamException {
        parent.writeStartElement("msg", name, NS);
        parent.writeCharacters(text);
        parent.writeEndElement();
    }

    /**
     * Reads a {@code msg:Linkage} element (whose signature is checked elsewhere).
     *
     * @throws LinkageRefusedException when it lacks a field or a field is not what the schema says
     */
    public static LinkageAssertion read(Element e) {
        String from = null;
        String office = null;
        String requestId = null;
        String issued = null;
        String hops = null;
        String budget = null;
        List<String> visited = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c) || !NS.equals(c.getNamespaceURI())) {
                continue;
            }
            String text = c.getTextContent().trim();
            switch (c.getLocalName()) {
                case "fromNode" -> from = text;
                case "office" -> office = text;
                case "requestId" -> requestId = text;
                case "issued" -> issued = text;
                case "hops" -> hops = text;
                case "visited" -> visited.add(text);
                case "budgetMillis" -> budget = text;
                default -> throw new LinkageRefusedException("the Linkage header has an unknown element <"
                        + c.getLocalName() + ">");
            }
        }
        if (!validNodeName(from)) {
            throw new LinkageRefusedException("the Linkage header names no valid fromNode");
        }
        if (office == null || office.isEmpty() || requestId == null || issued == null || hops == null) {
            throw new LinkageRefusedException("the Linkage header from " + from
                    + " lacks office, requestId, issued or hops");
        }
        for (String v : visited) {
            if (!validNodeName(v)) {
                throw new LinkageRefusedException("the Linkage header from " + from + " lists an invalid node name in visited");
            }
        }
        try {
            return new LinkageAssertion(from, office, requestId, Instant.parse(issued), Integer.parseInt(hops), visited,
                    budget == null ? 0 : Long.parseLong(budget));
        } catch (DateTimeParseException | IllegalArgumentException e2) {
            throw new LinkageRefusedException("the Linkage header from " + from + " has a bad issued time or hop count: "
                    + e2.getMessage());
        }
    }
}
