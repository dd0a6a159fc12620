package org.dossierlink.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.jws.WebService;

import org.dossierlink.DossierlinkException;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.access.Caller;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.StoredDocument;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.linkage.Linkage;
import org.dossierlink.linkage.LinkageAssertion;
import org.dossierlink.linkage.Peer;
import org.dossierlink.number.NumberType;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.wire.AccessDeniedFault;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.PeerUnavailableFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.ApplicationKeyRequestType;
import org.dossierlink.wire.messages.ExportChanges;
import org.dossierlink.wire.messages.ExportChangesResponse;
import org.dossierlink.wire.messages.GetBibliographicData;
import org.dossierlink.wire.messages.GetBibliographicDataResponse;
import org.dossierlink.wire.messages.GetDocument;
import org.dossierlink.wire.messages.GetDocumentListResponse;
import org.dossierlink.wire.messages.GetDocumentResponse;
import org.dossierlink.wire.messages.GetFamily;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.GetPackageReceipt;
import org.dossierlink.wire.messages.GetPackageReceiptResponse;
import org.dossierlink.wire.messages.GetServiceInfo;
import org.dossierlink.wire.messages.GetServiceInfoResponse;
import org.dossierlink.wire.messages.GetSigningCertificates;
import org.dossierlink.wire.messages.GetSigningCertificatesResponse;
import org.dossierlink.wire.messages.NormalizeNumber;
import org.dossierlink.wire.messages.NormalizeNumberResponse;
import org.dossierlink.wire.messages.SubmitPackage;
import org.dossierlink.wire.messages.SubmitPackageResponse;
import org.dossierlink.wire.messages.ValidateDossier;
import org.dossierlink.wire.messages.ValidateDossierResponse;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The SOAP face of {@link DossierService}: checks the required request fields, turns wire requests
 * into domain calls and domain results into wire responses ({@link WireMapper}), and every
 * {@link DossierlinkException} into the typed fault the WSDL declares ({@link FaultMapper}).
 * Published on both ports of the contract (SOAP 1.1 and SOAP 1.2) by the server.
 */
@WebService(endpointInterface = "org.dossierlink.wire.DossierPortType",
        targetNamespace = "urn:dossierlink:service:1",
        serviceName = "DossierService",
        portName = "DossierSoap11Port",
        wsdlLocation = "classpath:wsdl/dossierlink.wsdl")
public class DossierEndpoint implements DossierPortType {

    private final DossierService service;
    private final SigningKeys signingKeys;
    private final Supplier<Caller> caller;
    private final PeerForwarding peers;
    private final BulkOperations bulk;

    /**
     * @param signingKeys this node's signing keys, published by GetSigningCertificates (signing itself
     *                    happens on the way out: see the server's signing interceptor)
     * @param caller      the calling office of the request being served (the server's authentication
     *                    establishes it before the endpoint is invoked)
     */
    public DossierEndpoint(DossierService service, SigningKeys signingKeys, Supplier<Caller> caller) {
        this(service, signingKeys, caller, PeerForwarding.none(), null);
    }

    /**
     * A node linked to peer networks (or not: {@code linkage} null) and offering bulk transfer (or not):
     * GetFamily asks the peers too, and retrievals for dossiers held behind a
     * peer are forwarded to it.
     *
     * @param linkage   this node's peers, or null on a node linked to none
     * @param incoming  the verified Linkage header of the request being served, null when an office called
     * @param requestId the id of the request being served
     * @param bulk      the bulk transfer operations, or null on a node that offers none (SubmitPackage,
     *                  GetPackageReceipt and ExportChanges then say so)
     */
    public DossierEndpoint(DossierService service, SigningKeys signingKeys, Supplier<Caller> caller, Linkage linkage,
                           Supplier<LinkageAssertion> incoming, Supplier<String> requestId, BulkOperations bulk) {
        this(service, signingKeys, caller, linkage == null ? PeerForwarding.none()
                : new PeerForwarding(linkage, incoming, requestId), bulk);
    }

    private DossierEndpoint(DossierService service, SigningKeys signingKeys, Supplier<Caller> caller,
                            PeerForwarding peers, BulkOperations bulk) {
        this.service = Objects.requireNonNull(service, "service");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.peers = peers;
        this.bulk = bulk;
    }

    private Caller caller() {
        Caller c = caller.get();
        if (c == null) {
            throw new IllegalStateException("no calling office was established for this request");
        }
        return c;
    }

    @Override
    public GetFamilyResponse getFamily(GetFamily request)
            throws InvalidRequestFault, MalformedNumberFault, NotFoundFault, UnknownOfficeFault {
        PeerForwarding.FamilyFanOut fanOut = null;
        try {
            requireBody(request);
            Caller caller = caller();
            // the peers first: they work while this node looks in its own store
            fanOut = peers.startFamily(request, caller);
            GetFamilyResponse local = null;
            try {
                local = localFamily(request, caller);
            } catch (NotFoundException e) {
                if (!peers.linked()) {
                    throw e;
                }
                GetFamilyResponse merged = peers.completeFamily(null, fanOut);
                if (merged == null) {
                    throw e;
                }
                return merged;
            }
            if (!peers.linked()) {
                return local;
            }
            peers.markLocal(local);
            return peers.completeFamily(local, fanOut);
        } catch (DossierlinkException e) {
            throw withoutAccessCheck(e, "number");
        }
    }

    private GetFamilyResponse localFamily(GetFamily request, Caller caller) {
        Dialect dialect = WireMapper.fromWire(request.getDialect());
        String office = required(request.getOffice(), "office");
        String number = required(request.getNumber(), "number");
        NumberType type = WireMapper.fromWire(request.getNumberType());
        DossierService.FamilyAnswer answer;
        try {
            answer = service.family(caller, office, number, type, WireMapper.fromWire(request.getFamilyType()));
        } catch (NotFoundException e) {
            if (!peers.linked() || type != NumberType.APPLICATION) {
                throw e;
            }
            // an application held on another network: here, its family is what claims it as a priority
            answer = service.family(caller, office, number, NumberType.PRIORITY, WireMapper.fromWire(request.getFamilyType()));
        }
        GetFamilyResponse response = WireMapper.toWire(answer);
        if (dialect != null) {
            List<FamilyMember> members = answer.family().members();
            for (int i = 0; i < members.size(); i++) {
                if (answer.refusal(members.get(i).key()) != null) {
                    continue; // listed, but its record is not the caller's to see
                }
                byte[] xml = service.inDialect(members.get(i).dossier(), List.of(), dialect);
                response.getMember().get(i).setBibliographicData(WireMapper.toWire(dialect, xml));
            }
        }
        return response;
    }

    @Override
    public GetDocumentListResponse getDocumentList(ApplicationKeyRequestType request)
            throws InvalidRequestFault, MalformedNumberFault, NotFoundFault, UnknownOfficeFault, AccessDeniedFault,
            PeerUnavailableFault {
        Optional<Peer> holder = request == null ? Optional.empty() : peers.holder(request.getOffice());
        if (holder.isPresent()) {
            return peers.forward(holder.get(), "GetDocumentList",
                    new org.dossierlink.wire.messages.ObjectFactory().createGetDocumentList(request),
                    GetDocumentListResponse.class, caller());
        }
        try {
            requireBody(request);
            return WireMapper.toWire(service.documents(caller(), required(request.getOffice(), "office"),
                    required(request.getApplicationNumber(), "applicationNumber")));
        } catch (DossierlinkException e) {
            throw FaultMapper.raise(e, "applicationNumber");
        }
    }

    @Override
    public GetDocumentResponse getDocument(GetDocument request)
            throws InvalidRequestFault, MalformedNumberFault, NotFoundFault, UnknownOfficeFault, AccessDeniedFault,
            PeerUnavailableFault {
        Optional<Peer> holder = request == null ? Optional.empty() : peers.holder(request.getOffice());
        if (holder.isPresent()) {
            return peers.forward(holder.get(), "GetDocument", request, GetDocumentResponse.class, caller());
        }
        StoredDocument stored;
        try {
            requireBody(request);
            Dialect dialect = WireMapper.fromWire(request.getDialect());
            String office = required(request.getOffice(), "office");
            String number = required(request.getApplicationNumber(), "applicationNumber");
            String id = required(request.getDocumentId(), "documentId");
            stored = dialect == null ? service.document(caller(), office, number, id)
                    : service.document(caller(), office, number, id, dialect);
        } catch (DossierlinkException e) {
            throw FaultMapper.raise(e, "applicationNumber");
        }
        GetDocumentResponse response = new GetDocumentResponse();
        response.setDocument(WireMapper.toWire(stored.info()));
        if (stored.info().isXml()) {
            GetDocumentResponse.XmlContent xml = new GetDocumentResponse.XmlContent();
            xml.setAny(parseStoredXml(stored).getDocumentElement());
            response.setXmlContent(xml);
        } else {
            response.setBinaryContent(new DataHandler(new BytesDataSource(stored.content(), stored.info().mediaType(),
                    stored.info().id())));
        }
        return response;
    }

    @Override
    public GetBibliographicDataResponse getBibliographicData(GetBibliographicData request)
            throws InvalidRequestFault, MalformedNumberFault, NotFoundFault, UnknownOfficeFault, AccessDeniedFault,
            PeerUnavailableFault {
        Optional<Peer> holder = request == null ? Optional.empty() : peers.holder(request.getOffice());
        if (holder.isPresent()) {
            return peers.forward(holder.get(), "GetBibliographicData", request, GetBibliographicDataResponse.class,
                    caller());
        }
        try {
            requireBody(request);
            Dialect dialect = WireMapper.fromWire(request.getDialect());
            String office = required(request.getOffice(), "office");
            String number = required(request.getApplicationNumber(), "applicationNumber");
            GetBibliographicDataResponse response = new GetBibliographicDataResponse();
            if (dialect == null || dialect == Dialect.CANONICAL) {
                BibliographicRecord record = service.bibliographicData(caller(), office, number);
                response.setDossier(WireMapper.toWire(record.dossier(), record.documents()));
            } else {
                response.setDialectContent(WireMapper.toWire(dialect, service.bibliographicData(caller(), office, number,
                        dialect)));
            }
            return response;
        } catch (DossierlinkException e) {
            throw FaultMapper.raise(e, "applicationNumber");
        }
    }

    @Override
    public NormalizeNumberResponse normalizeNumber(NormalizeNumber request)
            throws InvalidRequestFault, MalformedNumberFault, UnknownOfficeFault {
        try {
            requireBody(request);
            NormalizeNumberResponse response = new NormalizeNumberResponse();
            response.setNormalized(WireMapper.toWire(service.normalize(required(request.getOffice(), "office"),
                    required(request.getNumber(), "number"), WireMapper.fromWire(request.getNumberType()))));
            return response;
        } catch (NotFoundException e) {
            throw new IllegalStateException("number normalisation must not look anything up", e);
        } catch (DossierlinkException e) {
            try {
                throw withoutAccessCheck(e, "number");
            } catch (NotFoundFault impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    @Override
    public ValidateDossierResponse validateDossier(ValidateDossier request) throws InvalidRequestFault {
        try {
            requireBody(request);
            byte[] document = request.getDocument();
            if (document == null || document.length == 0) {
                throw new InvalidRequestException("document is required and must not be empty", "document");
            }
            String name = request.getFileName() == null || request.getFileName().isBlank() ? "document"
                    : request.getFileName().trim();
            ValidationMode mode = request.getMode() == null ? ValidationMode.STRICT
                    : ValidationMode.parse(request.getMode().value(), "mode");
            return WireMapper.toWire(service.validate(document, name, WireMapper.fromWire(request.getDialect()), mode));
        } catch (DossierlinkException e) {
            try {
                throw withoutAccessCheck(e, "document");
            } catch (NotFoundFault | MalformedNumberFault | UnknownOfficeFault impossible) {
                throw new IllegalStateException("validation looks nothing up", impossible);
            }
        }
    }

    @Override
    public GetServiceInfoResponse getServiceInfo(GetServiceInfo request) {
        return WireMapper.toWire(service.info());
    }

    @Override
    public GetSigningCertificatesResponse getSigningCertificates(GetSigningCertificates request) {
        return WireMapper.toWire(signingKeys, service.info(), Instant.now());
    }

    @Override
    public SubmitPackageResponse submitPackage(SubmitPackage request) throws InvalidRequestFault {
        try {
            requireBody(request);
            return bulk().submit(request, caller());
        } catch (DossierlinkException e) {
            try {
                throw withoutAccessCheck(e, null);
            } catch (NotFoundFault | MalformedNumberFault | UnknownOfficeFault impossible) {
                throw new IllegalStateException("a submission looks nothing up", impossible);
            }
        }
    }

    @Override
    public GetPackageReceiptResponse getPackageReceipt(GetPackageReceipt request)
            throws InvalidRequestFault, NotFoundFault, AccessDeniedFault {
        try {
            requireBody(request);
            return bulk().receipt(required(request.getTicket(), "ticket"), caller());
        } catch (DossierlinkException e) {
            try {
                throw FaultMapper.raise(e, null);
            } catch (MalformedNumberFault | UnknownOfficeFault impossible) {
                throw new IllegalStateException("a ticket names no office or number", impossible);
            }
        }
    }

    @Override
    public ExportChangesResponse exportChanges(ExportChanges request) throws InvalidRequestFault, AccessDeniedFault {
        try {
            requireBody(request);
            return bulk().export(request, caller());
        } catch (DossierlinkException e) {
            try {
                throw FaultMapper.raise(e, null);
            } catch (MalformedNumberFault | UnknownOfficeFault | NotFoundFault impossible) {
                throw new IllegalStateException("an export looks up no single dossier", impossible);
            }
        }
    }

    private BulkOperations bulk() {
        if (bulk == null) {
            throw new InvalidRequestException("this node offers no bulk transfer (SubmitPackage, GetPackageReceipt,"
                    + " ExportChanges)", null);
        }
        return bulk;
    }

    /**
     * True for a response whose content travels as an MTOM attachment: a binary GetDocument answer, a
     * completed package's receipt, an exported package.
     */
    public static boolean carriesAttachment(Object response) {
        return response instanceof GetDocumentResponse r && r.getBinaryContent() != null
                || response instanceof GetPackageReceiptResponse p && p.getReceipt() != null
                || response instanceof ExportChangesResponse;
    }

    /** {@link FaultMapper#raise} for an operation that refuses no access (its contract declares no AccessDeniedFault). */
    private static RuntimeException withoutAccessCheck(DossierlinkException e, String numberField)
            throws UnknownOfficeFault, MalformedNumberFault, NotFoundFault, InvalidRequestFault {
        try {
            throw FaultMapper.raise(e, numberField);
        } catch (AccessDeniedFault impossible) {
            throw new IllegalStateException("this operation checks no access", impossible);
        }
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw new InvalidRequestException("the request element is missing from the SOAP body", null);
        }
    }

    /** The trimmed value; absent or blank is an invalid request naming the field. */
    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required and must not be empty", field);
        }
        return value.trim();
    }

    private static Document parseStoredXml(StoredDocument stored) {
        try {
            return SecureXml.documentBuilder().parse(new ByteArrayInputStream(stored.content()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("stored document " + stored.info().id() + " is not well-formed XML", e);
        }
    }

    /** A document's bytes with its media type, for the MTOM attachment. */
    record BytesDataSource(byte[] content, String contentType, String name) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("a stored document is read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
