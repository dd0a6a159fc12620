package org.dossierlink.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.codehaus.stax2.DTDInfo;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.xml.SecureXml;

/**
 * Tells which {@link Dialect} a document is in from its prolog and first elements only: the root
 * element and its namespace, the DOCTYPE, the {@code dtd-version} attribute and, for OPS answers,
 * the first element inside {@code ops:world-patent-data}. Nothing past that is read, and no DTD
 * is loaded. A document in no supported dialect is refused with a message that says what was
 * found and what is accepted.
 */
public final class DialectDetector {

    public static final String ST96_PATENT_NS = "http://www.wipo.int/standards/XMLSchema/ST96/Patent";
    public static final String CNIPA_BUSINESS_NS = "http://www.sipo.gov.cn/XMLSchema/business";
    public static final String EPO_REGISTER_NS = "http://www.epo.org/register";
    public static final String JPO_NS = "http://www.jpo.go.jp";

    /** USPTO ICE DTD versions: "v4.5 2014-04-03", "v45", and the DTD file names. */
    private static final Pattern USPTO_VERSION = Pattern.compile("v4\\.?[0-9]\\b.*");
    private static final Pattern USPTO_DTD_FILE = Pattern.compile("us-patent-(grant|application)-v4[0-9]-.*\\.dtd");
    private static final Pattern EP_VERSION = Pattern.compile("ep-patent-document-v1-[0-9]+");
    private static final Pattern DOCTYPE_IDS = Pattern.compile(
            "<!DOCTYPE\\s+\\S+\\s+(?:PUBLIC\\s+[\"']([^\"']*)[\"']\\s+[\"']([^\"']*)[\"']|SYSTEM\\s+[\"']([^\"']*)[\"'])");

    /** What the detector saw, and the dialect it concluded. */
    public record Detection(Dialect dialect, String rootNamespace, String rootName, String dtdVersion,
                            String doctypePublicId, String doctypeSystemId) {
    }

    private DialectDetector() {
    }

    public static Detection detect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return detect(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException(file + ": no such file", "file");
        } catch (IOException e) {
            throw new InvalidRequestException(file + ": cannot read: " + e.getMessage(), "file");
        }
    }

    /**
     * Reads the start of the stream and says its dialect; the stream is left part-read.
     *
     * @throws DialectException when the document is not XML or not in a supported dialect
     */
    public static Detection detect(InputStream in, String sourceName) {
        XMLStreamReader r = null;
        try {
            r = SecureXml.inputFactory().createXMLStreamReader(in);
            String publicId = null;
            String systemId = null;
            while (r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    String[] ids = doctypeIds(r);
                    publicId = ids[0];
                    systemId = ids[1];
                }
            }
            String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
            String local = r.getLocalName();
            String dtdVersion = r.getAttributeValue(null, "dtd-version");
            int line = r.getLocation().getLineNumber();
            int col = r.getLocation().getColumnNumber();
            Dialect d = byRoot(r, ns, local, dtdVersion, publicId, systemId, sourceName, line, col);
            return new Detection(d, ns, local, dtdVersion, publicId, systemId);
        } catch (XMLStreamException e) {
            throw DialectException.fromStax(sourceName, e);
        } finally {
            CanonicalDossierXml.closeQuietly(r);
        }
    }

    private static Dialect byRoot(XMLStreamReader r, String ns, String local, String dtdVersion, String publicId,
                                  String systemId, String src, int line, int col) throws XMLStreamException {
        switch (ns) {
            case CanonicalDossierXml.NS:
                if (local.equals("dossier") || local.equals("dossiers")) {
                    return Dialect.CANONICAL;
                }
                break;
            case ST96_PATENT_NS:
                if (local.equals("PatentPublication")) {
                    return Dialect.ST96;
                }
                throw refuse(src, line, col, "ST.96 document with root pat:" + local
                        + " is not a dossier; the supported ST.96 root is pat:PatentPublication");
            case CNIPA_BUSINESS_NS:
                if (local.equals("PatentDocumentAndRelated")) {
                    return Dialect.CNIPA_NEW;
                }
                break;
            case DocdbExchangeReader.NS:
                if (local.equals("exchange-documents") || local.equals("exchange-document")) {
                    return Dialect.DOCDB;
                }
                break;
            case EPO_REGISTER_NS:
                if (local.equals("register-documents") || local.equals("register-document")) {
                    return Dialect.EP_REGISTER;
                }
                break;
            case DocdbExchangeReader.OPS_NS:
                if (local.equals("world-patent-data")) {
                    return opsAnswer(r, src);
                }
                break;
            case "":
                return noNamespace(local, dtdVersion, publicId, systemId, src, line, col);
            default:
                break;
        }
        throw unknown(src, line, col, ns, local);
    }

    private static Dialect noNamespace(String local, String dtdVersion, String publicId, String systemId,
                                       String src, int line, int col) {
        switch (local) {
            case "ep-patent-document" -> {
                boolean knownDoctype = publicId == null || publicId.startsWith("-//EPO//EP PATENT DOCUMENT 1.");
                if (dtdVersion != null && !EP_VERSION.matcher(dtdVersion).matches() || !knownDoctype) {
                    throw refuse(src, line, col, "ep-patent-document version not supported (dtd-version '"
                            + dtdVersion + "', DOCTYPE public id '" + publicId
                            + "'); supported: ep-patent-document-v1-x");
                }
                return Dialect.EP_PUBLICATION;
            }
            case "Application-body" -> {
                return Dialect.EP_TOC;
            }
            case "us-patent-grant", "us-patent-application" -> {
                String file = systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
                boolean versionOk = dtdVersion != null && USPTO_VERSION.matcher(dtdVersion.trim()).matches();
                boolean doctypeOk = file == null || USPTO_DTD_FILE.matcher(file).matches();
                if (!versionOk || !doctypeOk) {
                    throw refuse(src, line, col, local + " version not supported (dtd-version '" + dtdVersion
                            + "', DOCTYPE system id '" + systemId + "'); supported: ICE DTD v4.0 to v4.7");
                }
                return Dialect.USPTO;
            }
            case "jp-official-gazette" -> {
                return Dialect.JPO;
            }
            case "cn-patent-document" -> {
                return Dialect.CNIPA_OLD;
            }
            case "patent-document" -> {
                return Dialect.ST36;
            }
            default -> throw unknown(src, line, col, "", local);
        }
    }

    /** An OPS answer: its first element (after ops:meta) says what it holds. */
    private static Dialect opsAnswer(XMLStreamReader r, String src) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String ns = r.getNamespaceURI();
            String local = r.getLocalName();
            if (DocdbExchangeReader.OPS_NS.equals(ns) && local.equals("meta")) {
                continue;
            }
            if (DocdbExchangeReader.NS.equals(ns) && local.equals("exchange-documents")
                    || DocdbExchangeReader.OPS_NS.equals(ns) && local.equals("patent-family")) {
                return Dialect.DOCDB;
            }
            if (DocdbExchangeReader.OPS_NS.equals(ns) && local.equals("register-search")) {
                return Dialect.EP_REGISTER;
            }
            throw refuse(src, r.getLocation().getLineNumber(), r.getLocation().getColumnNumber(),
                    "this OPS answer holds no dossier: ops:world-patent-data contains {" + ns + "}" + local
                            + "; dossiers come in exchange-documents, ops:patent-family or ops:register-search");
        }
        throw refuse(src, -1, -1, "empty OPS answer: ops:world-patent-data holds no element");
    }

    private static String[] doctypeIds(XMLStreamReader r) {
        if (r instanceof DTDInfo info && (info.getDTDPublicId() != null || info.getDTDSystemId() != null)) {
            return new String[] {info.getDTDPublicId(), info.getDTDSystemId()};
        }
        Matcher m = DOCTYPE_IDS.matcher(r.getText() == null ? "" : r.getText());
        if (m.find()) {
            return m.group(3) != null ? new String[] {null, m.group(3)} : new String[] {m.group(1), m.group(2)};
        }
        return new String[] {null, null};
    }

    private static DialectException unknown(String src, int line, int col, String ns, String local) {
        return refuse(src, line, col, "unknown dossier dialect: root element " + (ns.isEmpty() ? "" : "{" + ns + "}")
                + local + "; supported: " + Dialect.names());
    }

    private static DialectException refuse(String src, int line, int col, String reason) {
        return new DialectException(src, line, col, reason);
    }
}
