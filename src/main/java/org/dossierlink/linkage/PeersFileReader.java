package org.dossierlink.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import org.dossierlink.config.ConfigException;
import org.dossierlink.signature.Certificates;
import org.dossierlink.xml.SecureXml;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads {@code peers.xml}: the hardened SAX reader (no DOCTYPE, nothing external) through the
 * {@code xsd/peers.xsd} validator, then the checks a schema cannot make (unique names, not this node's own
 * name, http or https endpoints, readable certificates, ST.3 office codes each served by one peer, a
 * timeout from 10 ms to 5 minutes). Every problem is collected and thrown together, {@code FILE:LINE:COL: reason}.
 */
final class PeersFileReader {

    static final String NS = "urn:dossierlink:peers:1";
    static final String SCHEMA_RESOURCE = "xsd/peers.xsd";
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final String source;
    private final Path base;
    private final String self;
    private final List<String[]> problems = new ArrayList<>();

    private record Position(int line, int column) {
    }

    private record PeerEntry(Map<String, String> attributes, StringBuilder offices, Position at) {
    }

    private PeersFileReader(String source, Path base, String self) {
        this.source = source;
        this.base = base;
        this.self = self;
    }

    static Peers read(InputStream in, String source, Path base, String self) {
        return new PeersFileReader(source, base, self).read(in);
    }

    private void problem(Position at, String message) {
        problems.add(new String[] {Integer.toString(at.line), Integer.toString(at.column), message});
    }

    private Peers read(InputStream in) {
        List<PeerEntry> entries = new ArrayList<>();
        int[] maxHops = {Peers.DEFAULT_MAX_HOPS};
        parse(in, entries, maxHops);
        List<Peer> peers = new ArrayList<>();
        if (problems.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            Map<String, String> servedBy = new HashMap<>();
            for (PeerEntry e : entries) {
                Peer p = check(e, names, servedBy);
                if (p != null) {
                    peers.add(p);
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.<String[]>comparingInt(p -> Integer.parseInt(p[0]))
                    .thenComparingInt(p -> Integer.parseInt(p[1])));
            StringBuilder msg = new StringBuilder();
            for (String[] p : problems) {
                msg.append(msg.length() == 0 ? "" : "\n").append(source).append(':').append(p[0]).append(':')
                        .append(p[1]).append(": ").append(p[2]);
            }
            throw new ConfigException(msg.toString());
        }
        return new Peers(self, peers, maxHops[0]);
    }

    private Peer check(PeerEntry e, Set<String> names, Map<String, String> servedBy) {
        int before = problems.size();
        String name = e.attributes.get("name");
        if (!names.add(name)) {
            problem(e.at, "peer '" + name + "' is configured twice: each peer once");
        }
        if (name.equals(self)) {
            problem(e.at, "peer '" + name + "' has this node's own name (node.name): a node is not its own peer");
        }
        URI endpoint = null;
        try {
            endpoint = new URI(e.attributes.get("endpoint"));
            if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
                problem(e.at, "peer '" + name + "': endpoint must be an http:// or https:// URL with a host, found '"
                        + e.attributes.get("endpoint") + "'");
            }
        } catch (URISyntaxException ex) {
            problem(e.at, "peer '" + name + "': endpoint is not a URL: " + ex.getMessage());
        }
        X509Certificate certificate = null;
        Path pem = base.resolve(e.attributes.get("certificate"));
        try {
            List<X509Certificate> read = Certificates.read(pem);
            if (read.size() != 1) {
                problem(e.at, "peer '" + name + "': certificate " + pem + " holds " + read.size()
                        + " certificates; give exactly the one the peer signs with");
            } else {
                certificate = read.get(0);
            }
        } catch (IOException | CertificateException ex) {
            problem(e.at, "peer '" + name + "': cannot read the certificate " + pem + ": " + ex.getMessage());
        }
        X509Certificate tls = null;
        String tlsFile = e.attributes.get("tls-certificate");
        if (tlsFile != null) {
            Path tlsPem = base.resolve(tlsFile);
            try {
                List<X509Certificate> read = Certificates.read(tlsPem);
                if (read.size() != 1) {
                    problem(e.at, "peer '" + name + "': tls-certificate " + tlsPem + " holds " + read.size()
                            + " certificates; give exactly the peer's TLS server certificate");
                } else {
                    tls = read.get(0);
                }
            } catch (IOException | CertificateException ex) {
                problem(e.at, "peer '" + name + "': cannot read the tls-certificate " + tlsPem + ": " + ex.getMessage());
            }
            if (endpoint != null && !"https".equals(endpoint.getScheme())) {
                problem(e.at, "peer '" + name + "': tls-certificate is for an https endpoint; this one is "
                        + endpoint.getScheme());
            }
        }
        Duration timeout = timeout(e, name);
        Set<String> offices = new LinkedHashSet<>();
        for (String o : e.offices.toString().trim().split("\\s+")) {
            if (o.isEmpty()) {
                continue;
            }
            String code = o.toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}")) {
                problem(e.at, "peer '" + name + "': '" + o + "' is not a two-letter ST.3 office code");
            } else if (servedBy.containsKey(code) && !servedBy.get(code).equals(name)) {
                problem(e.at, "peer '" + name + "': office " + code + " is already served by peer '"
                        + servedBy.get(code) + "'; the dossiers of an office are behind one peer");
            } else {
                servedBy.put(code, name);
                offices.add(code);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Peer(name, endpoint, certificate, offices, timeout, tls);
    }

    private Duration timeout(PeerEntry e, String name) {
        String text = e.attributes.getOrDefault("timeout", "PT2S");
        try {
            long millis = DatatypeFactory.newInstance().newDuration(text).getTimeInMillis(new java.util.Date(0));
            Duration d = Duration.ofMillis(millis);
            if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
                problem(e.at, "peer '" + name + "': timeout " + text + " must be from 10 ms (PT0.01S) to 5 minutes (PT5M)");
            }
            return d;
        } catch (IllegalArgumentException | DatatypeConfigurationException | DateTimeParseException ex) {
            problem(e.at, "peer '" + name + "': timeout '" + text + "' is not an xs:duration such as PT2S");
            return Duration.ofSeconds(2);
        }
    }

    /** Compiled once, when the first peers file is read. */
    private static final class Compiled {
        static final Schema SCHEMA = SecureXml.bundledSchema(SCHEMA_RESOURCE);
    }

    private void parse(InputStream in, List<PeerEntry> entries, int[] maxHops) {
        ValidatorHandler validator = Compiled.SCHEMA.newValidatorHandler();
        ErrorHandler errors = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // not a problem
            }

            @Override
            public void error(SAXParseException e) {
                problem(new Position(e.getLineNumber(), e.getColumnNumber()), e.getMessage().replaceFirst("^cvc-[\\w.-]+: ", ""));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        };
        validator.setErrorHandler(errors);
        validator.setContentHandler(new DefaultHandler() {
            private Locator locator;
            private PeerEntry current;
            private boolean inOffices;

            @Override
            public void setDocumentLocator(Locator l) {
                locator = l;
            }

            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                Position at = locator == null ? new Position(1, 1) : new Position(locator.getLineNumber(), locator.getColumnNumber());
                if (!NS.equals(uri)) {
                    return;
                }
                if (local.equals("peers") && atts.getValue("max-hops") != null) {
                    try {
                        maxHops[0] = Integer.parseInt(atts.getValue("max-hops").trim());
                    } catch (NumberFormatException e) {
                        // the schema reports it
                    }
                } else if (local.equals("peer")) {
                    Map<String, String> a = new HashMap<>();
                    for (int i = 0; i < atts.getLength(); i++) {
                        a.put(atts.getLocalName(i), atts.getValue(i).trim());
                    }
                    current = new PeerEntry(a, new StringBuilder(), at);
                    entries.add(current);
                } else if (local.equals("offices")) {
                    inOffices = true;
                }
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                if (local.equals("offices")) {
                    inOffices = false;
                }
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (inOffices && current != null) {
                    current.offices.append(ch, start, length);
                }
            }
        });
        XMLReader reader = SecureXml.xmlReaderRefusingDoctype();
        reader.setContentHandler(validator);
        reader.setErrorHandler(errors);
        try {
            reader.parse(new InputSource(in));
        } catch (SAXParseException e) {
            problem(new Position(e.getLineNumber(), e.getColumnNumber()), "not well-formed XML: " + e.getMessage());
        } catch (SAXException e) {
            problem(new Position(1, 1), "cannot read: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read the peers file: " + e.getMessage());
        }
    }
}
