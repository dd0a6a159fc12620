package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.Corpus;
import org.dossierlink.dialect.DialectConverter.Direction;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.testsupport.TestDialects;
import org.dossierlink.xml.SecureSaxon;
import org.junit.jupiter.api.Test;

import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;

/** Loaded transformers are reused one run at a time, stay locked down, and are kept only when safe. */
class TransformerPoolTest {

    private static final SecureSaxon SAXON = new SecureSaxon(XsltFunctions.all(new NumberNormalizer()));

    private static XdmNode parse(String xml) throws SaxonApiException {
        return SAXON.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test:/in.xml");
    }

    private static String run(TransformerPool pool, XdmNode doc) throws SaxonApiException {
        TransformerPool.Loaded l = pool.borrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        l.transformer.applyTemplates(doc, l.serializerTo(out));
        pool.release(l);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aReleasedTransformerIsLentAgainAndTheIdleOnesAreBounded() {
        TransformerPool pool = new TransformerPool(() -> SAXON.transformer(identity()), 2);
        TransformerPool.Loaded a = pool.borrow();
        pool.release(a);
        assertThat(pool.borrow()).isSameAs(a);
        TransformerPool.Loaded b = pool.borrow();
        TransformerPool.Loaded c = pool.borrow();
        TransformerPool.Loaded d = pool.borrow();
        assertThat(List.of(b, c, d)).doesNotContain(a).doesNotHaveDuplicates();
        pool.release(a);
        pool.release(b);
        pool.release(c);
        pool.release(d);
        assertThat(pool.idle()).isEqualTo(2);
    }

    @Test
    void aReusedTransformerIsStillLockedDown() throws Exception {
        // reads the document its input names: harmless the first time (no name), refused the second
        XsltExecutable reader = SAXON.compile(new StreamSource(new StringReader(
                "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                        + "<xsl:template match='/'><r><xsl:copy-of select='/a/@href ! doc(.)'/></r></xsl:template>"
                        + "</xsl:stylesheet>"), "test:/reader.xsl"));
        TransformerPool pool = new TransformerPool(() -> SAXON.transformer(reader), 1);
        assertThat(run(pool, parse("<a/>"))).contains("<r/>");
        assertThat(pool.idle()).isEqualTo(1);
        String target = Corpus.file("epo-ops/responses/legal_CA2300029C.xml").toUri().toString();
        assertThatThrownBy(() -> run(pool, parse("<a href='" + target + "'/>")))
                .isInstanceOf(SaxonApiException.class).hasMessageContaining("access refused");
    }

    @Test
    void theConverterPoolsAfterASmallInputOnlyAndNeverAfterAFailedRun() throws Exception {
        // its own converter: the idle counts of the shared one depend on the other tests
        DialectConverter c = new DialectConverter(new NumberNormalizer());
        String small = "epo-ops/responses/biblio_US10047600B2.xml";
        XdmNode doc = c.parse(TestDialects.readAll(Corpus.file(small)), small);
        byte[] first = c.toCanonical(Dialect.DOCDB, doc, small);
        assertThat(c.idleTransformers(Dialect.DOCDB, Direction.TO_CANONICAL)).isEqualTo(1);
        assertThat(c.toCanonical(Dialect.DOCDB, doc, small)).isEqualTo(first);
        assertThat(c.idleTransformers(Dialect.DOCDB, Direction.TO_CANONICAL)).isEqualTo(1);

        String large = "uspto/redbook-samples/US08926509.xml";
        XdmNode big = c.parse(TestDialects.readAll(Corpus.file(large)), large);
        assertThat(DialectConverter.reusableAfter(big)).isFalse();
        c.toCanonical(Dialect.USPTO, big, large);
        assertThat(c.idleTransformers(Dialect.USPTO, Direction.TO_CANONICAL)).isZero();

        XdmNode two = c.parse(("<dos:dossiers xmlns:dos='urn:dossierlink:dossier:1'>"
                + "<dos:dossier><dos:application><dos:office>EP</dos:office><dos:number>10167109</dos:number>"
                + "<dos:docdb>EP.10167109.A</dos:docdb></dos:application></dos:dossier>"
                + "<dos:dossier><dos:application><dos:office>EP</dos:office><dos:number>10167110</dos:number>"
                + "<dos:docdb>EP.10167110.A</dos:docdb></dos:application></dos:dossier></dos:dossiers>")
                .getBytes(StandardCharsets.UTF_8), "two.xml");
        assertThatThrownBy(() -> c.fromCanonical(Dialect.JPO, two, "two.xml")).isInstanceOf(DialectException.class);
        assertThat(c.idleTransformers(Dialect.JPO, Direction.FROM_CANONICAL)).isZero();
        XdmNode one = c.parse(c.toCanonical(Dialect.DOCDB, doc, small), small);
        assertThat(c.fromCanonical(Dialect.DOCDB, one, small)).isNotEmpty();
    }

    /**
     * A pooled transformer keeps its controller between runs, and a controller fixes current-dateTime() at
     * its first use: no bundled stylesheet may ask for the current date or time.
     */
    @Test
    void theOutputBufferIsReusedAndWhatARunWroteIsACopy() throws Exception {
        TransformerPool pool = new TransformerPool(() -> SAXON.transformer(identity()), 1);
        assertThat(pool.borrow().destinationToBuffer()).isInstanceOf(net.sf.saxon.s9api.Serializer.class);
        reusesItsBuffer(pool);
    }

    @Test
    void withTheUtf8WriterTheBufferIsReusedTheSameWay() throws Exception {
        XsltExecutable identity = identity();
        TransformerPool pool = new TransformerPool(() -> SAXON.transformer(identity),
                () -> Utf8XmlDestination.forStylesheet(identity), 1);
        TransformerPool.Loaded first = pool.borrow();
        assertThat(first.destinationToBuffer()).isInstanceOf(Utf8XmlDestination.class);
        pool.release(first);
        reusesItsBuffer(pool);
    }

    private static void reusesItsBuffer(TransformerPool pool) throws Exception {
        TransformerPool.Loaded l = pool.borrow();
        l.transformer.applyTemplates(parse("<a>one</a>"), l.destinationToBuffer());
        byte[] first = l.written();
        l.transformer.applyTemplates(parse("<b>two</b>"), l.destinationToBuffer());
        byte[] second = l.written();
        assertThat(new String(first, StandardCharsets.UTF_8)).endsWith("<a>one</a>");
        assertThat(new String(second, StandardCharsets.UTF_8)).endsWith("<b>two</b>").doesNotContain("one");
        // an output larger than the buffer kept: written whole, and the next run still starts empty
        String big = "<c>" + "x".repeat(TransformerPool.MAX_KEPT_BUFFER + 10) + "</c>";
        l.transformer.applyTemplates(parse(big), l.destinationToBuffer());
        assertThat(new String(l.written(), StandardCharsets.UTF_8)).endsWith(big);
        l.transformer.applyTemplates(parse("<d/>"), l.destinationToBuffer());
        assertThat(new String(l.written(), StandardCharsets.UTF_8)).endsWith("?><d/>");
    }

    @Test
    void noBundledStylesheetAsksForTheCurrentDateOrTime() throws IOException {
        for (Dialect d : Dialect.values()) {
            for (String resource : List.of(d.toCanonicalStylesheet(), d.fromCanonicalStylesheet())) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                    if (in != null) {
                        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(resource)
                                .doesNotContain("current-date").doesNotContain("current-time");
                    }
                }
            }
        }
        for (String lib : List.of("common", "docdb", "ep", "jpo-cnipa", "st96")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("xslt/lib/" + lib + ".xsl")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(lib)
                        .doesNotContain("current-date").doesNotContain("current-time");
            }
        }
    }

    private static XsltExecutable identity() {
        try {
            return SAXON.compile(new StreamSource(new StringReader(
                    "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                            + "<xsl:mode on-no-match='shallow-copy'/></xsl:stylesheet>"), "test:/identity.xsl"));
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
