package org.dossierlink.service;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

import org.dossierlink.access.Caller;
import org.dossierlink.linkage.FamilyMerge;
import org.dossierlink.linkage.Linkage;
import org.dossierlink.linkage.LinkageAssertion;
import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.PeerAnswer;
import org.dossierlink.linkage.PeerFault;
import org.dossierlink.linkage.PeerStatus;
import org.dossierlink.linkage.Route;
import org.dossierlink.wire.AccessDeniedFault;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.PeerUnavailableFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.FamilyMemberType;
import org.dossierlink.wire.messages.FaultDetailType;
import org.dossierlink.wire.messages.GetDocumentResponse;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.ObjectFactory;
import org.dossierlink.wire.messages.PeerStatusType;
import org.dossierlink.wire.messages.PeerStatusValueType;
import org.dossierlink.wire.messages.ProxiedAnswerType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The wire side of the linkage, for {@link DossierEndpoint}: forwards requests to peers as exact request
 * elements, turns their verified answers back into wire objects, merges federated families, and re-raises
 * peer refusals as the same typed fault naming the node. The peers' own signed answers travel inside
 * proxied answers verbatim, as evidence. Thread-safe.
 */
final class PeerForwarding {

    private static final JAXBContext JAXB = context();
    private static final String MESSAGES_NS = "urn:dossierlink:messages:1";
    private static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    private static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    private final Linkage linkage;
    private final Supplier<LinkageAssertion> incoming;
    private final Supplier<String> requestId;

    /**
     * @param linkage   this node's peers, or null for a node linked to none
     * @param incoming  the Linkage header of the request being served (null when an office called directly)
     * @param requestId the id of the request being served
     */
    PeerForwarding(Linkage linkage, Supplier<LinkageAssertion> incoming, Supplier<String> requestId) {
        this.linkage = linkage;
        this.incoming = Objects.requireNonNull(incoming, "incoming");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
    }

    static PeerForwarding none() {
        return new PeerForwarding(null, () -> null, () -> null);
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the generated wire types do not bind", e);
        }
    }

    boolean linked() {
        return linkage != null;
    }

    /** True when the request being served was forwarded by a peer. */
    boolean forwarded() {
        return incoming.get() != null;
    }

    /** How long this node may let its peers take: part of what the forwarding node waits, or null. */
    private java.time.Duration budget() {
        LinkageAssertion in = incoming.get();
        return in == null ? null : in.onwardBudget();
    }

    private Route route() {
        return Route.arriving(incoming.get());
    }

    // ---- federated family ----

    /** The peers' answers to a family request, in flight. */
    record FamilyFanOut(List<CompletableFuture<FamilyReply>> calls) {
        boolean any() {
            return !calls.isEmpty();
        }
    }

    /**
     * One peer's answer to a family request and, when it answered, its family read into wire objects: read
     * on the thread that verified the answer, as soon as it came, so that the peers' answers are read in
     * parallel with each other and with this node's own lookup. A verified answer that does not match the
     * contract is kept as {@code failure} and thrown where the family is completed, as before.
     */
    record FamilyReply(PeerAnswer answer, GetFamilyResponse family, RuntimeException failure) {
        static FamilyReply of(PeerAnswer a) {
            if (a.status() != PeerStatus.ANSWERED) {
                return new FamilyReply(a, null, null);
            }
            try {
                return new FamilyReply(a, unmarshal(withoutSignature(a.payload()), GetFamilyResponse.class), null);
            } catch (RuntimeException e) {
                return new FamilyReply(a, null, e);
            }
        }

        GetFamilyResponse read() {
            if (failure != null) {
                throw failure;
            }
            return family;
        }
    }

    /** Starts asking every peer the family request may still go to (none past the hop limit or already asked). */
    FamilyFanOut startFamily(Object request, Caller caller) {
        if (linkage == null) {
            return new FamilyFanOut(List.of());
        }
        List<Peer> targets = route().familyTargets(linkage.peers());
        return new FamilyFanOut(linkage.askAll(targets, route(), "GetFamily", marshal(request), caller.office(),
                requestId(), budget()).stream().map(call -> call.thenApply(FamilyReply::of)).toList());
    }

    /**
     * This node's family (null when it holds none of it) merged with the peers' answers: members de-duplicated
     * on the normalised application number, each naming its node; a status per peer; partial when a peer did
     * not answer in full. Null when nobody found any member.
     */
    GetFamilyResponse completeFamily(GetFamilyResponse local, FamilyFanOut fanOut) {
        List<FamilyMerge.Listed<FamilyMemberType>> listings = new ArrayList<>();
        List<PeerStatusType> statuses = new ArrayList<>();
        GetFamilyResponse merged = local;
        if (local != null) {
            listings.add(new FamilyMerge.Listed<>(linkage.nodeName(), local.getMember()));
        }
        boolean partial = false;
        boolean truncated = local != null && local.isTruncated();
        for (CompletableFuture<FamilyReply> call : fanOut.calls()) {
            FamilyReply reply = call.join();
            PeerAnswer a = reply.answer();
            PeerStatusType status = new PeerStatusType();
            status.setName(a.peer().name());
            status.setDurationMillis(BigInteger.valueOf(a.took().toMillis()));
            PeerStatus s = a.status();
            if (s == PeerStatus.ANSWERED) {
                GetFamilyResponse theirs = reply.read();
                listings.add(new FamilyMerge.Listed<>(a.peer().name(), theirs.getMember()));
                status.setMembers(BigInteger.valueOf(theirs.getMember().size()));
                partial |= theirs.isPartial();
                truncated |= theirs.isTruncated();
                theirs.getPeer().forEach(statuses::add); // the peers it asked in turn
                if (merged == null) {
                    merged = theirs;
                }
            } else if (s == PeerStatus.REFUSED && a.fault() != null && "NOT_FOUND".equals(a.fault().code())) {
                s = PeerStatus.ANSWERED; // it answered in full: it holds no member
                status.setMembers(BigInteger.ZERO);
            } else {
                partial = true;
                status.setDetail(a.detail());
            }
            status.setStatus(PeerStatusValueType.fromValue(s.wireName()));
            if (s == PeerStatus.ANSWERED && status.getDetail() == null) {
                status.setDetail(a.detail());
            }
            statuses.add(status);
        }
        if (merged == null) {
            return null;
        }
        List<FamilyMerge.Held<FamilyMemberType>> members = FamilyMerge.merge(listings,
                m -> m.getApplication().getOffice() + "." + m.getApplication().getNumber(), FamilyMemberType::getNode);
        GetFamilyResponse out = new GetFamilyResponse();
        out.setQuery(merged.getQuery());
        out.setFamilyType(merged.getFamilyType());
        for (FamilyMerge.Held<FamilyMemberType> h : members) {
            h.member().setNode(h.node());
            out.getMember().add(h.member());
        }
        out.getPeer().addAll(statuses);
        out.setMemberCount(BigInteger.valueOf(out.getMember().size()));
        if (partial) {
            out.setPartial(true);
        }
        if (truncated) {
            out.setTruncated(true);
        }
        return out;
    }

    /**
     * The verified family answer without its ds:Signature, which the merged answer does not carry (this node
     * signs it): JAXB would otherwise copy the signature into a DOM of its own, through a new parser, at a
     * quarter of the cost of reading the whole answer. The answer's document is this call's own.
     */
    static Element withoutSignature(Element payload) {
        Node n = payload.getFirstChild();
        while (n != null) {
            Node next = n.getNextSibling();
            if (n instanceof Element e && "Signature".equals(e.getLocalName()) && DSIG_NS.equals(e.getNamespaceURI())) {
                payload.removeChild(e);
            }
            n = next;
        }
        return payload;
    }

    /** Marks this node's own members with its name (on a linked node). */
    void markLocal(GetFamilyResponse local) {
        if (linkage != null) {
            local.getMember().forEach(m -> m.setNode(linkage.nodeName()));
        }
    }

    // ---- proxied retrieval ----

    /** The peer that holds the dossiers of {@code office}, unless the request has already been there. */
    Optional<Peer> holder(String office) {
        if (linkage == null || office == null) {
            return Optional.empty();
        }
        return route().holder(linkage.peers(), office.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Forwards a retrieval to the peer holding the dossier, for {@code caller}, and returns the peer's answer
     * as this node's answer: its content as the peer signed it, the peer's signed payload verbatim in
     * {@code proxied/evidence}. The peer's refusals come back as the same typed fault, naming the node.
     */
    <T> T forward(Peer peer, String operation, Object request, Class<T> type, Caller caller)
            throws AccessDeniedFault, NotFoundFault, UnknownOfficeFault, MalformedNumberFault, InvalidRequestFault,
            PeerUnavailableFault {
        PeerAnswer a = linkage.ask(peer, route(), operation, marshal(request), caller.office(), requestId(), budget());
        if (a.status() == PeerStatus.REFUSED && a.fault() != null) {
            throw refusal(peer, a.fault());
        }
        if (!a.answered()) {
            FaultDetailType d = new FaultDetailType();
            d.setCode("PEER_UNAVAILABLE");
            d.setReason(a.status().wireName());
            d.setNode(peer.name());
            d.setMessage("the dossier is held behind peer node " + peer.name() + ", which did not answer in full ("
                    + a.status().wireName() + "): " + a.detail());
            throw new PeerUnavailableFault(d.getMessage(), d);
        }
        Element signed = a.payload();
        Element content = (Element) signed.cloneNode(true);
        DataHandler binary = null;
        if (type == GetDocumentResponse.class) {
            binary = detachBinary(peer, content, a);
        }
        T answer = unmarshal(content, type);
        ProxiedAnswerType proxied = new ProxiedAnswerType();
        proxied.setNode(peer.name());
        ProxiedAnswerType.Evidence evidence = new ProxiedAnswerType.Evidence();
        evidence.setAny(signed);
        proxied.setEvidence(evidence);
        if (answer instanceof org.dossierlink.wire.messages.GetDocumentListResponse r) {
            r.setId(null);
            r.setSignature(null);
            r.setProxied(proxied);
        } else if (answer instanceof org.dossierlink.wire.messages.GetBibliographicDataResponse r) {
            r.setId(null);
            r.setSignature(null);
            r.setProxied(proxied);
        } else if (answer instanceof GetDocumentResponse r) {
            r.setId(null);
            r.setSignature(null);
            r.setProxied(proxied);
            if (binary != null) {
                r.setBinaryContent(binary);
            }
        }
        return answer;
    }

    /**
     * A binary document comes as an MTOM attachment beside the signed answer, which carries its SHA-256:
     * the attachment must match it. Its xop:Include is taken out of the copy the answer is built from.
     */
    private static DataHandler detachBinary(Peer peer, Element content, PeerAnswer a) throws PeerUnavailableFault {
        Element binaryContent = child(content, MESSAGES_NS, "binaryContent");
        if (binaryContent == null) {
            return null;
        }
        Element include = child(binaryContent, XOP_NS, "Include");
        String href = include == null ? "" : include.getAttribute("href");
        String cid = URLDecoder.decode(href.startsWith("cid:") ? href.substring(4) : href, StandardCharsets.UTF_8);
        byte[] bytes = a.attachments().get(cid);
        Element info = child(content, MESSAGES_NS, "document");
        Element sha = info == null ? null : child(info, "urn:dossierlink:dossier:1", "sha256");
        Element mediaType = info == null ? null : child(info, "urn:dossierlink:dossier:1", "mediaType");
        if (bytes == null || sha == null || !sha256(bytes).equalsIgnoreCase(sha.getTextContent().trim())) {
            FaultDetailType d = new FaultDetailType();
            d.setCode("PEER_UNAVAILABLE");
            d.setReason(PeerStatus.BAD_SIGNATURE.wireName());
            d.setNode(peer.name());
            d.setMessage("peer node " + peer.name() + " sent a document whose attachment "
                    + (bytes == null ? "is missing" : "does not match the SHA-256 its signed answer states"));
            throw new PeerUnavailableFault(d.getMessage(), d);
        }
        binaryContent.removeChild(include);
        String type = mediaType == null ? "application/octet-stream" : mediaType.getTextContent().trim();
        return new DataHandler(new DossierEndpoint.BytesDataSource(bytes, type, cid));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** The peer's typed fault as the same typed fault of this node, naming the node that refused. */
    private static Exception refusalOf(Peer peer, PeerFault f) {
        FaultDetailType d = new FaultDetailType();
        d.setCode(f.code() == null ? "PEER_FAULT" : f.code());
        String node = f.node() != null && !f.node().isEmpty() ? f.node() : peer.name();
        d.setMessage("node " + node + ": " + (f.message() == null ? d.getCode() : f.message()));
        d.setField(f.field());
        d.setReason(f.reason());
        d.setNode(node);
        String element = f.element() == null ? "" : f.element();
        return switch (element) {
            case "AccessDeniedFault" -> new AccessDeniedFault(d.getMessage(), d);
            case "NotFoundFault" -> new NotFoundFault(d.getMessage(), d);
            case "UnknownOfficeFault" -> new UnknownOfficeFault(d.getMessage(), d);
            case "MalformedNumberFault" -> new MalformedNumberFault(d.getMessage(), d);
            case "InvalidRequestFault" -> new InvalidRequestFault(d.getMessage(), d);
            case "PeerUnavailableFault" -> new PeerUnavailableFault(d.getMessage(), d);
            default -> {
                // the peer did not accept this node (authentication) or its quota: the peer is not available
                d.setCode("PEER_UNAVAILABLE");
                d.setReason(PeerStatus.REFUSED.wireName());
                d.setMessage("peer node " + node + " refused this node's forwarded request (" + element + " "
                        + f.code() + "): " + f.message());
                yield new PeerUnavailableFault(d.getMessage(), d);
            }
        };
    }

    private static RuntimeException refusal(Peer peer, PeerFault f) throws AccessDeniedFault, NotFoundFault,
            UnknownOfficeFault, MalformedNumberFault, InvalidRequestFault, PeerUnavailableFault {
        Exception e = refusalOf(peer, f);
        if (e instanceof PeerUnavailableFault x) {
            throw x;
        }
        throw FaultMapper.rethrow(e);
    }

    private String requestId() {
        String id = requestId.get();
        LinkageAssertion in = incoming.get();
        return in != null ? in.requestId() : id == null ? java.util.UUID.randomUUID().toString() : id;
    }

    // ---- JAXB, for exact request bytes and for reading verified answers ----

    static byte[] marshal(Object request) {
        try {
            Marshaller m = JAXB.createMarshaller();
            m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.marshal(request, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("a request to forward does not marshal", e);
        }
    }

    static <T> T unmarshal(Element element, Class<T> type) {
        try {
            return JAXB.createUnmarshaller().unmarshal(element, type).getValue();
        } catch (JAXBException e) {
            throw new IllegalStateException("a verified peer answer does not match the contract: " + e.getMessage(), e);
        }
    }
}
