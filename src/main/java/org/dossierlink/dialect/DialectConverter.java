package org.dossierlink.dialect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.xml.SecureSaxon;
import org.dossierlink.xml.SecureXml;

import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.Destination;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XPathSelector;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Converts dossier XML between every {@link Dialect} and the canonical dossier, with the XSLT 3.0
 * stylesheets in {@code xslt/}. Every stylesheet is compiled once, when the converter is built; the
 * compiled forms are immutable and one converter serves all threads. Loaded transformers are kept in a
 * small pool per stylesheet and reused, one call at a time each (see {@link TransformerPool}).
 *
 * <p>Conversions go through canonical: {@code convert(doc, JPO, ST96)} is JPO to canonical, then
 * canonical to ST.96. What a dialect cannot hold is listed in its stylesheet, in a top-level
 * {@code dl:cannot-hold} element, and {@link #cannotHold(Dialect, Direction)} returns that list.
 */
public final class DialectConverter {

    /** Which stylesheet of a pair. */
    public enum Direction {
        TO_CANONICAL, FROM_CANONICAL
    }

    /**
     * Content that does not survive one direction of a dialect's conversion.
     *
     * @param path   XPath, on the stylesheet's input, of what is dropped
     * @param reason why it cannot be carried over
     */
    public record Loss(String path, String reason, Map<String, String> namespaces) {
        public Loss {
            namespaces = Map.copyOf(namespaces);
        }
    }

    private static final String XSL_NS = "http://www.w3.org/1999/XSL/Transform";

    /** Told how long each stylesheet run took: for metrics. */
    @FunctionalInterface
    public interface ConversionObserver {
        void converted(Dialect from, Dialect to, long nanos);
    }

    private volatile ConversionObserver observer = (from, to, nanos) -> { };
    private final SecureSaxon saxon;
    private final Map<Dialect, XsltExecutable> toCanonical = new EnumMap<>(Dialect.class);
    private final Map<Dialect, XsltExecutable> fromCanonical = new EnumMap<>(Dialect.class);
    private final Map<Dialect, List<Loss>> lossesTo = new EnumMap<>(Dialect.class);
    private final Map<Dialect, List<Loss>> lossesFrom = new EnumMap<>(Dialect.class);
    /** Each cannot-hold path as {@code exists(path)}, compiled once when its stylesheet's list is read. */
    private final Map<Loss, XPathExecutable> lossChecks = new java.util.IdentityHashMap<>();
    /** Idle loaded transformers of each stylesheet; filled at construction, read-only afterwards. */
    private final Map<XsltExecutable, TransformerPool> pools = new java.util.IdentityHashMap<>();

    /**
     * Compiles the stylesheets of every dialect.
     *
     * @throws IllegalStateException when a stylesheet is missing or does not compile
     */
    public DialectConverter(NumberNormalizer normalizer) {
        this.saxon = new SecureSaxon(XsltFunctions.all(normalizer));
        for (Dialect d : Dialect.values()) {
            if (d == Dialect.CANONICAL) {
                continue;
            }
            if (SecureSaxon.hasResource(d.toCanonicalStylesheet())) {
                toCanonical.put(d, saxon.compileResource(d.toCanonicalStylesheet()));
                lossesTo.put(d, readLosses(d.toCanonicalStylesheet()));
            }
            if (SecureSaxon.hasResource(d.fromCanonicalStylesheet())) {
                fromCanonical.put(d, saxon.compileResource(d.fromCanonicalStylesheet()));
                lossesFrom.put(d, readLosses(d.fromCanonicalStylesheet()));
            }
        }
        // one idle transformer per core and stylesheet: enough for the threads that can run at once
        int capacity = Math.max(2, Runtime.getRuntime().availableProcessors());
        java.util.stream.Stream.concat(toCanonical.values().stream(), fromCanonical.values().stream()).forEach(e ->
                pools.put(e, new TransformerPool(() -> saxon.transformer(e), () -> Utf8XmlDestination.forStylesheet(e),
                        capacity)));
    }

    /** Reports every stylesheet run from now on to {@code observer} (one observer; the last one set). */
    public void observe(ConversionObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** True when this build has the stylesheet for that dialect and direction. */
    public boolean supports(Dialect dialect, Direction direction) {
        return dialect == Dialect.CANONICAL
                || (direction == Direction.TO_CANONICAL ? toCanonical : fromCanonical).containsKey(dialect);
    }

    public SecureSaxon saxon() {
        return saxon;
    }

    /**
     * Parses a document securely, keeping line numbers.
     *
     * @throws DialectException when it is not well-formed XML, names an external entity or a DTD by URL
     *                           or path, or goes past a limit of {@link org.dossierlink.xml.XmlLimits}
     */
    public XdmNode parse(InputStream in, String sourceName) {
        try {
            return saxon.parse(in, sourceName);
        } catch (SaxonApiException e) {
            // a refused external entity or DTD location, or a limit reached, is not a syntax error: say which
            throw new DialectException(sourceName, e.getLineNumber(), -1,
                    (SecureXml.isRefusal(e) ? "refused: " : "not well-formed XML: ") + reason(e));
        }
    }

    public XdmNode parse(byte[] xml, String sourceName) {
        return parse(new ByteArrayInputStream(xml), sourceName);
    }

    /** A dialect document to canonical: {@code dos:dossiers} holding one {@code dos:dossier} per record. */
    public byte[] toCanonical(Dialect from, XdmNode doc, String sourceName) {
        if (from == Dialect.CANONICAL) {
            return serializeAsIs(doc);
        }
        long start = System.nanoTime();
        byte[] out = run(executable(toCanonical, from, "to canonical"), doc, sourceName,
                "cannot convert " + from.wireName() + " to canonical");
        observer.converted(from, Dialect.CANONICAL, System.nanoTime() - start);
        return out;
    }

    /**
     * A domain record (with its document list) in a dialect. The canonical form is built straight into a
     * Saxon tree, never serialised and parsed again.
     */
    public byte[] fromCanonical(Dialect to, Dossier dossier, List<DocumentInfo> documents) {
        String name = dossier.application().docdb();
        if (to == Dialect.CANONICAL) {
            return CanonicalDossierXml.toBytes(dossier, documents);
        }
        XdmNode tree;
        try {
            BuildingStreamWriter w = saxon.processor().newDocumentBuilder().newBuildingStreamWriter();
            w.writeStartDocument();
            CanonicalDossierXml.write(w, dossier, documents);
            w.writeEndDocument();
            w.close();
            tree = w.getDocumentNode();
        } catch (SaxonApiException | XMLStreamException e) {
            throw new IllegalStateException("cannot build the canonical tree of " + name, e);
        }
        return fromCanonical(to, tree, name);
    }

    /** A canonical document ({@code dos:dossier} or {@code dos:dossiers}) to a dialect. */
    public byte[] fromCanonical(Dialect to, XdmNode canonical, String sourceName) {
        if (to == Dialect.CANONICAL) {
            return serializeAsIs(canonical);
        }
        long start = System.nanoTime();
        byte[] out = run(executable(fromCanonical, to, "from canonical"), canonical, sourceName,
                "cannot convert canonical to " + to.wireName());
        observer.converted(Dialect.CANONICAL, to, System.nanoTime() - start);
        return out;
    }

    /** A document from one dialect to another, through canonical. */
    public byte[] convert(XdmNode doc, Dialect from, Dialect to, String sourceName) {
        if (from == to) {
            return serializeAsIs(doc);
        }
        if (to == Dialect.CANONICAL) {
            return toCanonical(from, doc, sourceName);
        }
        XdmNode canonical = doc;
        if (from != Dialect.CANONICAL) {
            long start = System.nanoTime();
            canonical = runToTree(executable(toCanonical, from, "to canonical"), doc, sourceName,
                    "cannot convert " + from.wireName() + " to canonical");
            observer.converted(from, Dialect.CANONICAL, System.nanoTime() - start);
        }
        return fromCanonical(to, canonical, sourceName);
    }

    /** How many loaded transformers of a stylesheet wait for the next call (for tests). */
    int idleTransformers(Dialect dialect, Direction direction) {
        return pools.get(executable(direction == Direction.TO_CANONICAL ? toCanonical : fromCanonical, dialect,
                "")).idle();
    }

    /** What the given stylesheet of a dialect documents it cannot carry over. */
    public List<Loss> cannotHold(Dialect dialect, Direction direction) {
        List<Loss> l = (direction == Direction.TO_CANONICAL ? lossesTo : lossesFrom).get(dialect);
        return l == null ? List.of() : l;
    }

    private static XsltExecutable executable(Map<Dialect, XsltExecutable> map, Dialect d, String what) {
        XsltExecutable e = map.get(d);
        if (e == null) {
            throw new org.dossierlink.InvalidRequestException("dialect " + d.wireName() + " cannot be converted "
                    + what + " by this build", "dialect");
        }
        return e;
    }

    /**
     * What the stylesheet from {@code dialect} to canonical will drop from this document: the
     * cannot-hold entries whose path matches something in it.
     */
    public List<Loss> droppedOnTheWayIn(Dialect dialect, XdmNode doc) {
        return matching(cannotHold(dialect, Direction.TO_CANONICAL), doc);
    }

    /** What the stylesheet from canonical to {@code dialect} will drop from this canonical document. */
    public List<Loss> droppedOnTheWayOut(Dialect dialect, XdmNode canonical) {
        return matching(cannotHold(dialect, Direction.FROM_CANONICAL), canonical);
    }

    private List<Loss> matching(List<Loss> losses, XdmNode doc) {
        List<Loss> out = new ArrayList<>();
        for (Loss l : losses) {
            XPathSelector check = lossChecks.get(l).load();
            try {
                check.setContextItem(doc);
                if (check.effectiveBooleanValue()) {
                    out.add(l);
                }
            } catch (SaxonApiException e) {
                throw new IllegalStateException("cannot-hold path " + l.path() + " failed on " + doc.getDocumentURI()
                        + ": " + reason(e), e);
            }
        }
        return out;
    }

    private byte[] run(XsltExecutable exec, XdmNode doc, String sourceName, String what) {
        return apply(exec, doc, sourceName, what, TransformerPool.Loaded::destinationToBuffer, TransformerPool.Loaded::written);
    }

    /** Runs a stylesheet into a tree: the first leg of a conversion through canonical stays in memory. */
    private XdmNode runToTree(XsltExecutable exec, XdmNode doc, String sourceName, String what) {
        XdmDestination tree = new XdmDestination();
        return apply(exec, doc, sourceName, what, l -> tree, l -> tree.getXdmNode());
    }

    /**
     * Runs a stylesheet on {@code doc} with a pooled transformer. The stylesheets read their input through
     * the initial match selection only (no global variable depends on a global context item), so none is set
     * and a transformer can run again. A transformer whose run failed, or that ran on a large input
     * ({@link #reusableAfter}), is dropped, not pooled. {@code result} reads the run's result before the
     * transformer (and its output buffer) can go to another thread.
     */
    private <T> T apply(XsltExecutable exec, XdmNode doc, String sourceName, String what,
                        java.util.function.Function<TransformerPool.Loaded, Destination> destination,
                        java.util.function.Function<TransformerPool.Loaded, T> result) {
        TransformerPool pool = pools.get(exec);
        TransformerPool.Loaded loaded = pool.borrow();
        Xslt30Transformer t = loaded.transformer;
        String[] terminating = new String[1];
        t.setMessageHandler(m -> {
            if (m.isTerminate()) {
                terminating[0] = m.getStringValue();
            }
        });
        try {
            t.applyTemplates(doc, destination.apply(loaded));
        } catch (SaxonApiException e) {
            // a stylesheet that stops with xsl:message terminate="yes" says why in the message itself
            String why = terminating[0] != null ? terminating[0].replaceAll("\\s+", " ").trim() : reason(e);
            throw new DialectException(sourceName, -1, -1, what + ": " + why);
        } catch (RuntimeException e) {
            throw new DialectException(sourceName, -1, -1, what + ": " + e.getMessage());
        }
        T out = result.apply(loaded);
        if (reusableAfter(doc)) {
            pool.release(loaded);
        }
        return out;
    }

    /**
     * Input trees up to this many nodes (50 to 100 KB of XML in the corpus) may stay reachable from an idle
     * pooled transformer: Saxon keeps the last run's context, and with it the input, until the next run.
     * With {@code availableProcessors} idle transformers per stylesheet at most, that bounds what idle
     * transformers hold to a few MB.
     */
    static final int POOLED_INPUT_NODES = 2000;

    /**
     * True when a transformer that has just run on {@code doc} may go back to the pool. Only after a small
     * input: there the fixed cost of loading a transformer is a large part of the call, while an idle
     * transformer holding on to a large input would hold memory for nothing.
     */
    static boolean reusableAfter(XdmNode doc) {
        return doc.getUnderlyingNode().getTreeInfo() instanceof net.sf.saxon.tree.tiny.TinyTree tree
                && tree.getNumberOfNodes() <= POOLED_INPUT_NODES;
    }

    private byte[] serializeAsIs(XdmNode doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Serializer s = saxon.processor().newSerializer(out);
            s.setOutputProperty(Serializer.Property.ENCODING, "UTF-8");
            s.serializeNode(doc);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("cannot serialise a parsed document", e);
        }
        return out.toByteArray();
    }

    private List<Loss> readLosses(String resource) {
        try (InputStream in = SecureSaxon.class.getClassLoader().getResourceAsStream(resource)) {
            XdmNode xsl = saxon.parse(in, "dossierlink:/" + resource);
            XPathCompiler xp = saxon.processor().newXPathCompiler();
            xp.declareNamespace("xsl", XSL_NS);
            xp.declareNamespace("dl", XsltFunctions.NS);
            List<Loss> out = new ArrayList<>();
            for (XdmItem item : xp.evaluate("/xsl:*/dl:cannot-hold/dl:item", xsl)) {
                XdmNode n = (XdmNode) item;
                if (n.getNodeKind() == XdmNodeKind.ELEMENT) {
                    Map<String, String> ns = new java.util.HashMap<>();
                    n.axisIterator(net.sf.saxon.s9api.Axis.NAMESPACE).forEachRemaining(
                            x -> ns.put(x.getNodeName() == null ? "" : x.getNodeName().getLocalName(), x.getStringValue()));
                    ns.remove("");
                    Loss loss = new Loss(n.getAttributeValue(new QName("path")), n.getAttributeValue(new QName("reason")), ns);
                    // a path that does not compile (a prefix the stylesheet does not declare) would fail the first
                    // conversion that reports its losses: found here, at start-up, as a defect of this build
                    XPathCompiler check = saxon.processor().newXPathCompiler();
                    ns.forEach(check::declareNamespace);
                    try {
                        lossChecks.put(loss, check.compile("exists(" + loss.path() + ")"));
                    } catch (SaxonApiException e) {
                        throw new IllegalStateException(resource + ": cannot-hold path " + loss.path()
                                + " (line " + n.getLineNumber() + ") does not compile: " + reason(e), e);
                    }
                    out.add(loss);
                }
            }
            return Collections.unmodifiableList(out);
        } catch (IOException | SaxonApiException e) {
            throw new IllegalStateException("cannot read the cannot-hold list of " + resource, e);
        }
    }

    private static String reason(SaxonApiException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").trim();
    }
}
