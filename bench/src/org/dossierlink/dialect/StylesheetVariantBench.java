package org.dossierlink.dialect;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.xml.SecureSaxon;

import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;

/**
 * Variants of a dialect stylesheet timed side by side in one JVM, run after run, beside the Saxon identity
 * transform of the same input (the measure of {@code bench/dialects.sh}): for finding what a conversion's time
 * goes into, by timing a stylesheet against copies of it with one part changed or left out. Each stylesheet is
 * compiled from the classpath (put a folder holding {@code xslt/...} and a copy of {@code xslt/lib/} before the
 * jar) and written by the converter's own UTF-8 writer, as {@link DialectConverter} writes it.
 *
 * <p>Usage: {@code StylesheetVariantBench FILE from|to SECONDS STYLESHEET...}: {@code from} runs the stylesheets on
 * the canonical record made from the corpus FILE (canonical-to-dialect stylesheets), {@code to} on FILE itself.
 * Prints the output size of each (and whether it equals the first's), a line per round of 200 runs, and the
 * totals after three rounds of warm-up. Example (the command the BENCHMARKS.md dialect section used):
 * {@code java -cp "VARIANTS:bench/out/classes:target/dossierlink.jar:target/lib/*"
 * org.dossierlink.dialect.StylesheetVariantBench ../shared/corpus/uspto/redbook-samples/US08926509.xml from 30
 * xslt/canonical-to-uspto.xsl xslt/variant.xsl}
 */
public final class StylesheetVariantBench {

    private static final String IDENTITY = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
            + "<xsl:mode on-no-match='shallow-copy'/></xsl:stylesheet>";
    private static final int WARM_ROUNDS = 3;
    private static final int RUNS_PER_ROUND = 200;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean fromCanonical = args[1].equals("from");
        double seconds = Double.parseDouble(args[2]);
        int k = args.length - 3;
        DialectConverter converter = new DialectConverter(new NumberNormalizer());
        SecureSaxon saxon = converter.saxon();
        XsltExecutable identity = saxon.compile(new StreamSource(new StringReader(IDENTITY), "bench:/identity.xsl"));
        Xslt30Transformer[] transformers = new Xslt30Transformer[k];
        Utf8XmlDestination[] writers = new Utf8XmlDestination[k];
        for (int i = 0; i < k; i++) {
            XsltExecutable exec = saxon.compileResource(args[3 + i]);
            transformers[i] = saxon.transformer(exec);
            writers[i] = Utf8XmlDestination.forStylesheet(exec);
            if (writers[i] == null) {
                throw new IllegalArgumentException(args[3 + i] + ": its output is not the one the UTF-8 writer writes");
            }
        }
        Dialect dialect = DialectDetector.detect(file).dialect();
        XdmNode doc = converter.parse(Files.readAllBytes(file), file.toString());
        XdmNode input = fromCanonical ? converter.parse(converter.toCanonical(dialect, doc, file.toString()), "canonical") : doc;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = null;
        for (int i = 0; i < k; i++) {
            out.reset();
            transformers[i].applyTemplates(input, writers[i].writingTo(out));
            byte[] bytes = out.toByteArray();
            first = i == 0 ? bytes : first;
            System.out.printf(Locale.ROOT, "[%d] %s: %,d bytes%s%n", i, args[3 + i], bytes.length,
                    i > 0 && Arrays.equals(first, bytes) ? " (the same as [0])" : "");
        }
        long[] total = new long[k];
        long identityTotal = 0;
        long runs = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; System.nanoTime() < end; round++) {
            long[] t = new long[k];
            long id = 0;
            for (int r = 0; r < RUNS_PER_ROUND; r++) {
                for (int i = 0; i < k; i++) {
                    long t0 = System.nanoTime();
                    out.reset();
                    transformers[i].applyTemplates(input, writers[i].writingTo(out));
                    t[i] += System.nanoTime() - t0;
                }
                long t0 = System.nanoTime();
                Xslt30Transformer it = saxon.transformer(identity);
                out.reset();
                it.applyTemplates(input, it.newSerializer(out));
                id += System.nanoTime() - t0;
            }
            StringBuilder line = new StringBuilder("round " + round);
            for (int i = 0; i < k; i++) {
                line.append(String.format(Locale.ROOT, "  [%d] %.1f us (%.2f)", i, t[i] / 1e3 / RUNS_PER_ROUND, (double) t[i] / id));
                if (round >= WARM_ROUNDS) {
                    total[i] += t[i];
                }
            }
            System.out.println(line.append(String.format(Locale.ROOT, "  identity %.1f us", id / 1e3 / RUNS_PER_ROUND)));
            if (round >= WARM_ROUNDS) {
                identityTotal += id;
                runs += RUNS_PER_ROUND;
            }
        }
        StringBuilder line = new StringBuilder("after warm-up:");
        for (int i = 0; i < k && runs > 0; i++) {
            line.append(String.format(Locale.ROOT, "  [%d] %.1f us, ratio to identity %.2f", i, total[i] / 1e3 / runs,
                    (double) total[i] / identityTotal));
        }
        System.out.println(runs > 0 ? line : "too short: no round after the warm-up");
    }

    private StylesheetVariantBench() {
    }
}
