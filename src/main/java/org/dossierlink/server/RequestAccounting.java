package org.dossierlink.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.namespace.QName;

import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.dossierlink.DossierlinkException.ErrorCode;
import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditTrail;
import org.dossierlink.access.Caller;
import org.dossierlink.operator.Json;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.NodeMetrics.Outcome;
import org.dossierlink.wire.messages.ApplicationKeyRequestType;
import org.dossierlink.wire.messages.ExportChanges;
import org.dossierlink.wire.messages.GetPackageReceipt;
import org.dossierlink.wire.messages.SubmitPackage;
import org.dossierlink.wire.messages.SubmitPackageResponse;
import org.dossierlink.wire.messages.GetBibliographicData;
import org.dossierlink.wire.messages.GetDocument;
import org.dossierlink.wire.messages.GetFamily;
import org.dossierlink.wire.messages.NormalizeNumber;
import org.dossierlink.wire.messages.ValidateDossier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Accounts for every SOAP request: gives it an id, times it and counts its outcome in {@link NodeMetrics},
 * returns the id in the {@code X-Request-Id} header and in every fault's detail ({@code requestId}), and
 * writes one JSON line for it to the {@code dossierlink.requests} log: time, request id, calling office,
 * operation, target (office, number, document id or file name), outcome, fault code, duration. Never a
 * payload or a credential. The same facts, with the result (allowed, denied, or the fault code) and the
 * reason, go to the store's tamper-evident audit log.
 */
final class RequestAccounting {

    /** Exchange property: this request's id. */
    static final String REQUEST_ID = "dossierlink.requestId";
    static final String HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger("dossierlink.requests");
    private static final String STARTED = RequestAccounting.class.getName() + ".started";
    private static final String TICKET = RequestAccounting.class.getName() + ".ticket";
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final NodeMetrics metrics;
    private final AuditTrail audit;

    RequestAccounting(NodeMetrics metrics, AuditTrail audit) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The id of the request this exchange carries, or null before {@link #start()} ran. */
    static String requestId(Exchange exchange) {
        return exchange == null ? null : (String) exchange.get(REQUEST_ID);
    }

    /** In, RECEIVE: starts the clock and names the request. */
    AbstractPhaseInterceptor<Message> start() {
        AbstractPhaseInterceptor<Message> i = new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                Exchange exchange = message.getExchange();
                exchange.put(STARTED, System.nanoTime());
                exchange.put(REQUEST_ID, idFrom(message));
            }
        };
        // before the size limit, so that a request refused by its Content-Length has its id in the fault too
        i.addBefore(RequestSizeLimit.class.getName());
        return i;
    }

    /** Out and out-fault, SETUP: the id in the answer's headers. */
    AbstractPhaseInterceptor<Message> header() {
        return new AbstractPhaseInterceptor<>(Phase.SETUP) {
            @Override
            public void handleMessage(Message message) {
                String id = requestId(message.getExchange());
                if (id != null) {
                    ResponseHeaders.put(message, HEADER, id);
                }
                // before the signed writer takes the response object over
                MessageContentsList out = MessageContentsList.getContentsList(message);
                if (out != null && !out.isEmpty() && out.get(0) instanceof SubmitPackageResponse r) {
                    message.getExchange().put(TICKET, r.getTicket());
                }
            }

            @Override
            public void handleFault(Message message) {
                // nothing to undo
            }
        };
    }

    /** Out-fault, PRE_PROTOCOL after the detail exists: the id in the fault detail. */
    AbstractPhaseInterceptor<Message> faultDetail() {
        AbstractPhaseInterceptor<Message> i = new AbstractPhaseInterceptor<>(Phase.PRE_PROTOCOL) {
            @Override
            public void handleMessage(Message message) {
                String id = requestId(message.getExchange());
                if (id != null && message.getContent(Exception.class) instanceof Fault fault && fault.getDetail() != null) {
                    for (Node n = fault.getDetail().getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element detail && RequestFaultRewriter.MESSAGES_NS.equals(detail.getNamespaceURI())) {
                            Element e = detail.getOwnerDocument().createElementNS(RequestFaultRewriter.MESSAGES_NS,
                                    detail.getPrefix() == null ? "requestId" : detail.getPrefix() + ":requestId");
                            e.setTextContent(id);
                            detail.appendChild(e);
                        }
                    }
                }
            }
        };
        i.addAfter(RequestFaultRewriter.class.getName());
        i.addAfter("org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor");
        return i;
    }

    /** Out and out-fault, SEND_ENDING: stops the clock, records, logs. */
    AbstractPhaseInterceptor<Message> stop() {
        return new AbstractPhaseInterceptor<>(Phase.SEND_ENDING) {
            @Override
            public void handleMessage(Message message) {
                record(message);
            }

            @Override
            public void handleFault(Message message) {
                record(message);
            }
        };
    }

    private void record(Message message) {
        Exchange exchange = message.getExchange();
        Object started = exchange.remove(STARTED);
        if (!(started instanceof Long start)) {
            return;
        }
        long nanos = System.nanoTime() - start;
        BindingOperationInfo operation = exchange.getBindingOperationInfo();
        String name = operation == null ? "unknown" : operation.getName().getLocalPart();
        Caller caller = exchange.get(Caller.class);
        String office = caller == null ? NodeMetrics.UNIDENTIFIED : caller.office();
        Exception e = message.getContent(Exception.class);
        Outcome outcome = outcome(e);
        metrics.request(name, office, outcome, nanos);
        String faultCode = e == null ? null : faultCode(e);
        String target = target(exchange);
        Instant now = Instant.now();
        audit.append(new AuditEntry(now, requestId(exchange), office, name, target, e == null ? "allowed"
                : ErrorCode.ACCESS_DENIED.name().equals(faultCode) ? "denied" : faultCode, e == null ? null : reason(e)));
        if (LOG.isInfoEnabled()) {
            StringBuilder line = new StringBuilder(256).append('{');
            field(line, "time", now.toString());
            field(line, "requestId", requestId(exchange));
            field(line, "office", office);
            field(line, "operation", name);
            field(line, "target", target);
            field(line, "outcome", outcome.label());
            if (e != null) {
                field(line, "faultCode", faultCode);
            }
            line.append(",\"durationMs\":").append(String.format(Locale.ROOT, "%.3f", nanos / 1e6)).append('}');
            LOG.info(line.toString());
        }
    }

    private static Outcome outcome(Exception e) {
        if (e == null) {
            return Outcome.OK;
        }
        if (e instanceof DeclaredSoapFault) {
            return Outcome.CLIENT_FAULT; // authentication and quota refusals
        }
        QName code = e instanceof Fault f ? f.getFaultCode() : null;
        // CXF's own codes are "client"/"server"; SOAP's are Client/Server (1.1) and Sender/Receiver (1.2)
        String local = code == null ? "" : code.getLocalPart().toLowerCase(Locale.ROOT);
        return local.equals("client") || local.equals("sender") || local.equals("versionmismatch")
                ? Outcome.CLIENT_FAULT : Outcome.SERVER_FAULT;
    }

    /** The stable code of the fault's detail (UNKNOWN_OFFICE, INVALID_REQUEST...), else the SOAP fault code. */
    private static String faultCode(Exception e) {
        String code = detailField(e, "code");
        if (code != null) {
            return code;
        }
        if (e instanceof Fault f && f.getFaultCode() != null) {
            return f.getFaultCode().getLocalPart();
        }
        return e.getClass().getSimpleName();
    }

    /** The fault detail's reason (why access was denied, which authentication check failed...), or null. */
    private static String reason(Exception e) {
        return detailField(e, "reason");
    }

    /** The text of a child element {@code name} of the fault's detail element, or null. */
    private static String detailField(Exception e, String name) {
        if (e instanceof Fault f && f.getDetail() != null) {
            for (Node n = f.getDetail().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element detail) {
                    for (Node c = detail.getFirstChild(); c != null; c = c.getNextSibling()) {
                        if (c instanceof Element field && name.equals(field.getLocalName())) {
                            return field.getTextContent();
                        }
                    }
                }
            }
        }
        return null;
    }

    /** What the request was about: office, number, document or file name. Never content. */
    private static String target(Exchange exchange) {
        Message in = exchange.getInMessage();
        MessageContentsList contents = in == null ? null : MessageContentsList.getContentsList(in);
        Object request = contents == null || contents.isEmpty() ? null : contents.get(0);
        List<String> parts = new ArrayList<>();
        if (request instanceof GetFamily r) {
            parts.add(r.getOffice());
            parts.add(r.getNumber());
        } else if (request instanceof GetDocument r) {
            parts.add(r.getOffice());
            parts.add(r.getApplicationNumber());
            parts.add(r.getDocumentId());
        } else if (request instanceof ApplicationKeyRequestType r) {
            parts.add(r.getOffice());
            parts.add(r.getApplicationNumber());
        } else if (request instanceof GetBibliographicData r) {
            parts.add(r.getOffice());
            parts.add(r.getApplicationNumber());
        } else if (request instanceof NormalizeNumber r) {
            parts.add(r.getOffice());
            parts.add(r.getNumber());
        } else if (request instanceof ValidateDossier r) {
            parts.add(r.getFileName());
        } else if (request instanceof SubmitPackage r) {
            parts.add(r.getPackageName());
        } else if (request instanceof GetPackageReceipt r) {
            parts.add(r.getTicket());
        } else if (request instanceof ExportChanges r) {
            parts.addAll(r.getOffice());
            parts.add(r.getSince() == null ? null : "since " + r.getSince().toXMLFormat());
        }
        if (exchange.get(TICKET) != null) {
            parts.add("ticket " + exchange.get(TICKET)); // a submission is known by the ticket it was given
        }
        parts.removeIf(p -> p == null || p.isBlank());
        String t = String.join(" ", parts.stream().map(String::trim).toList());
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    private static String idFrom(Message message) {
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(Message.PROTOCOL_HEADERS));
        List<String> given = headers == null ? null : headers.get(HEADER);
        if (given != null && given.size() == 1 && CALLER_ID.matcher(given.get(0)).matches()) {
            return given.get(0);
        }
        return UUID.randomUUID().toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        if (line.length() > 1) {
            line.append(',');
        }
        line.append('"').append(name).append("\":").append(Json.quote(value));
    }
}
