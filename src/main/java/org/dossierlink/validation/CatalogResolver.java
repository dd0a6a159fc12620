package org.dossierlink.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.ext.EntityResolver2;

/**
 * The OASIS XML catalog {@code xsd/catalog.xml} read by dossierlink's own resolver, for XSD
 * ({@link LSResourceResolver}) and DTD ({@link EntityResolver2}) validation alike.
 *
 * <p>A reference is served only when the catalog maps it ({@code system}, {@code systemSuffix},
 * {@code public} and {@code uri} entries; a {@code uri} entry also serves an import with no
 * schemaLocation by its namespace name), or when it is a relative reference from one bundled file
 * to another that lands inside the bundled {@code xsd/} folder. Anything else is refused: the
 * resolver never returns null (which would let the parser open the URL itself), so nothing is
 * fetched from the network or read from outside {@code xsd/}. Bundled files are read once and kept
 * in memory.
 */
public final class CatalogResolver {

    public static final String CATALOG_RESOURCE = "xsd/catalog.xml";
    private static final String CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

    private static volatile CatalogResolver bundled;

    private final String root;
    private final Map<String, String> system = new HashMap<>();
    private final Map<String, String> uri = new HashMap<>();
    private final Map<String, String> publicIds = new HashMap<>();
    private final List<String[]> systemSuffix = new ArrayList<>();
    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

    private CatalogResolver(URL catalog) {
        String c = normalize(catalog.toString());
        this.root = c.substring(0, c.lastIndexOf('/') + 1);
        Document doc;
        try (InputStream in = catalog.openStream()) {
            doc = SecureXml.documentBuilder().parse(in, catalog.toString());
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("cannot read the XML catalog " + catalog + ": " + e.getMessage(), e);
        }
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !CATALOG_NS.equals(e.getNamespaceURI())) {
                continue;
            }
            String target = e.getAttribute("uri");
            String resolved = target.isEmpty() ? null : resolve(root, target);
            if (resolved == null || !inside(resolved)) {
                throw new IllegalStateException(catalog + ": entry " + e.getLocalName() + " maps to " + target
                        + ", which is not a file under " + root);
            }
            switch (e.getLocalName()) {
                case "system" -> system.put(e.getAttribute("systemId"), resolved);
                case "uri" -> uri.put(e.getAttribute("name"), resolved);
                case "public" -> publicIds.put(normalizePublic(e.getAttribute("publicId")), resolved);
                case "systemSuffix" -> systemSuffix.add(new String[] {e.getAttribute("systemIdSuffix"), resolved});
                default -> throw new IllegalStateException(catalog + ": unsupported catalog entry " + e.getLocalName());
            }
        }
    }

    /** The catalog shipped in {@code xsd/} on the classpath. */
    public static CatalogResolver bundled() {
        CatalogResolver r = bundled;
        if (r == null) {
            synchronized (CatalogResolver.class) {
                r = bundled;
                if (r == null) {
                    URL url = CatalogResolver.class.getClassLoader().getResource(CATALOG_RESOURCE);
                    if (url == null) {
                        throw new IllegalStateException(CATALOG_RESOURCE + " is not on the classpath");
                    }
                    bundled = r = new CatalogResolver(url);
                }
            }
        }
        return r;
    }

    /** The URL of a bundled file, given relative to {@code xsd/} ({@code ops/ops.xsd}). */
    public String bundledUrl(String relative) {
        return resolve(root, relative);
    }

    /** {@code xsd/ops/ops.xsd} for a bundled URL, else the URL itself. */
    public String displayName(String url) {
        return url != null && url.startsWith(root) ? "xsd/" + url.substring(root.length()) : url;
    }

    /**
     * The local copy for an external identifier, or null when the catalog does not map it.
     * {@code systemId} is taken as written, then made absolute against {@code base}.
     */
    public String resolveEntity(String publicId, String systemId, String base) {
        if (systemId != null) {
            String hit = system.get(systemId);
            String abs = resolve(base, systemId);
            if (hit == null && abs != null) {
                hit = system.get(abs);
            }
            if (hit == null) {
                hit = bySuffix(systemId);
            }
            if (hit == null && abs != null && inside(abs)) {
                hit = abs;
            }
            if (hit != null) {
                return hit;
            }
        }
        return publicId == null ? null : publicIds.get(normalizePublic(publicId));
    }

    /** The local copy for a schema location (made absolute against {@code base}), or for an import's namespace. */
    public String resolveUri(String location, String base, String namespace) {
        if (location != null) {
            String hit = uri.get(location);
            if (hit == null) {
                hit = system.get(location);
            }
            String abs = resolve(base, location);
            if (hit == null && abs != null) {
                hit = uri.containsKey(abs) ? uri.get(abs) : system.get(abs);
            }
            if (hit == null && abs != null && inside(abs)) {
                hit = abs;
            }
            return hit;
        }
        return namespace == null ? null : uri.get(namespace);
    }

    private String bySuffix(String systemId) {
        for (String[] s : systemSuffix) {
            if (systemId.endsWith(s[0]) || systemId.equals(s[0].substring(1))) {
                return s[1];
            }
        }
        return null;
    }

    /** The bytes of a bundled file, read once. */
    byte[] bytes(String url) throws IOException {
        if (!inside(url)) {
            throw new IOException("not a bundled file: " + url);
        }
        byte[] b = cache.get(url);
        if (b == null) {
            try (InputStream in = new URL(url).openStream()) {
                b = in.readAllBytes();
            }
            cache.putIfAbsent(url, b);
        }
        return b;
    }

    private boolean inside(String absolute) {
        return absolute.startsWith(root) && !absolute.substring(root.length()).contains("..");
    }

    private static String normalizePublic(String p) {
        return p.trim().replaceAll("\\s+", " ");
    }

    /** {@code ref} made absolute against {@code base}; handles jar: URLs; null when it cannot be. */
    static String resolve(String base, String ref) {
        if (ref == null) {
            return null;
        }
        try {
            URI r = new URI(ref.replace(" ", "%20").replace('\\', '/'));
            if (r.isAbsolute()) {
                return normalize(r.toString());
            }
            if (base == null) {
                return null;
            }
            int bang = base.indexOf("!/");
            if (base.startsWith("jar:") && bang > 0) {
                String inner = new URI("file:" + base.substring(bang + 1)).resolve(r).normalize().getPath();
                return base.substring(0, bang + 1) + inner;
            }
            return normalize(new URI(base).resolve(r).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalize(String url) {
        try {
            int bang = url.indexOf("!/");
            if (url.startsWith("jar:") && bang > 0) {
                return url.substring(0, bang + 1) + new URI("file:" + url.substring(bang + 1)).normalize().getPath();
            }
            URI u = new URI(url).normalize();
            String s = u.toString();
            // file:/x and file:///x are the same file
            return s.startsWith("file:///") ? "file:/" + s.substring(8) : s;
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * A resolver for one validation run: serves what the catalog maps, and reports every refusal to
     * {@code onRefusal} (which turns it into an issue of the report) before refusing it.
     */
    public Session session(Consumer<String> onRefusal) {
        return new Session(onRefusal);
    }

    public final class Session implements LSResourceResolver, EntityResolver2 {
        private final Consumer<String> onRefusal;
        private String documentDtd;

        private Session(Consumer<String> onRefusal) {
            this.onRefusal = onRefusal;
        }

        /** The DTD the document was validated against (its DOCTYPE's, or the default), or null. */
        public String documentDtd() {
            return documentDtd;
        }

        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId, String baseURI) {
            String hit = resolveUri(systemId, baseURI, namespaceURI);
            String what = systemId != null ? systemId : "namespace " + namespaceURI;
            if (hit == null) {
                onRefusal.accept(what);
                // never null: null would let the validator open the location itself
                return new Input(publicId, systemId, baseURI, new byte[0]);
            }
            try {
                return new Input(publicId, hit, baseURI, bytes(hit));
            } catch (IOException e) {
                onRefusal.accept(what + " (" + e.getMessage() + ")");
                return new Input(publicId, systemId, baseURI, new byte[0]);
            }
        }

        /**
         * Never used: the JDK's parser does not call it, so a document without DOCTYPE gets one
         * injected instead (see DossierValidator).
         */
        @Override
        public InputSource getExternalSubset(String name, String baseURI) {
            return null;
        }

        @Override
        public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId)
                throws SAXException, IOException {
            String hit = CatalogResolver.this.resolveEntity(publicId, systemId, baseURI);
            if (hit == null) {
                String what = systemId != null ? systemId : publicId;
                onRefusal.accept(what);
                throw new SAXException("external resource refused, not in " + CATALOG_RESOURCE + ": " + what);
            }
            // the JDK names the external subset null rather than "[dtd]"; it is the first entity resolved
            if ((name == null || "[dtd]".equals(name)) && documentDtd == null) {
                documentDtd = hit;
            }
            return source(publicId, hit, bytes(hit));
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException, IOException {
            return resolveEntity(null, publicId, null, systemId);
        }

        private InputSource source(String publicId, String url, byte[] bytes) {
            InputSource s = new InputSource(new ByteArrayInputStream(bytes));
            s.setSystemId(url);
            s.setPublicId(publicId);
            return s;
        }
    }

    /** An LSInput over bytes already read. */
    private static final class Input implements LSInput {
        private String publicId;
        private String systemId;
        private String baseURI;
        private final byte[] bytes;

        Input(String publicId, String systemId, String baseURI, byte[] bytes) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseURI = baseURI;
            this.bytes = bytes;
        }

        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { this.systemId = systemId; }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { this.publicId = publicId; }
        @Override public String getBaseURI() { return baseURI; }
        @Override public void setBaseURI(String baseURI) { this.baseURI = baseURI; }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
