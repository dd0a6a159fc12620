package org.dossierlink.bench;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.xml.transform.stream.StreamSource;

import org.dossierlink.DossierlinkException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.xml.SecureSaxon;

import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XdmNode;

/**
 * Conversion throughput per dialect pair on the corpus files, beside a Saxon identity transform of the
 * same files, in the same JVM and run (issue: office dialects). Every measurement starts from the parsed
 * tree and ends with serialised bytes, for the conversion and for the identity alike; they alternate,
 * so machine noise hits both. Each row is warmed up first, both sides alternating, for one second (system
 * property {@code dialects.warmup}, in seconds), so what is measured is the steady state a running server
 * has, not code the JIT has not compiled yet.
 *
 * <p>Usage: {@code DialectBench CORPUS_DIR [SECONDS_PER_MEASUREMENT [PATH_FILTER]]}; prints a Markdown table.
 * {@code PATH_FILTER}, when given, keeps only the corpus files whose relative path contains it.
 */
public final class DialectBench {

    private static final String IDENTITY = "<xsl:stylesheet version='3.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
            + "<xsl:mode on-no-match='shallow-copy'/></xsl:stylesheet>";

    /** Warm-up of each row, both sides alternating, before its measurement (system property dialects.warmup, seconds). */
    private static final double WARM_UP_SECONDS = Double.parseDouble(System.getProperty("dialects.warmup", "1"));

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        String filter = args.length > 2 ? args[2] : "";
        DialectConverter converter = new DialectConverter(new NumberNormalizer());
        SecureSaxon saxon = converter.saxon();
        XsltExecutable identity = saxon.compile(new StreamSource(new StringReader(IDENTITY), "bench:/identity.xsl"));

        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".xml") && corpus.relativize(p).toString().contains(filter))
                    .sorted().toList();
        }
        System.out.println("| file | dialect | input | output | direction | conversion MB/s | identity MB/s | ratio to identity of the input"
                + " | ratio to identity of the output |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double worst = 0;
        List<Double> ratios = new ArrayList<>();
        for (Path f : files) {
            Dialect d;
            try {
                d = DialectDetector.detect(f).dialect();
            } catch (DossierlinkException e) {
                continue; // not a dossier (number-service answers and the like)
            }
            byte[] bytes = Files.readAllBytes(f);
            XdmNode doc = converter.parse(bytes, f.toString());
            String name = corpus.relativize(f).toString();
            byte[] canonical = converter.toCanonical(d, doc, name);
            XdmNode canonicalDoc = converter.parse(canonical, name);
            double r1 = row(converter, identity, name, d, bytes.length, d.wireName() + " → canonical", seconds,
                    () -> converter.toCanonical(d, doc, name), () -> identity(saxon, identity, doc));
            double r2 = row(converter, identity, name, d, canonical.length, "canonical → " + d.wireName(), seconds,
                    () -> converter.fromCanonical(d, canonicalDoc, name), () -> identity(saxon, identity, canonicalDoc));
            ratios.add(r1);
            ratios.add(r2);
            worst = Math.max(worst, Math.max(r1, r2));
            // ST.96 holds one dossier per document: files with several records have no such row
            boolean oneDossier = canonicalDoc.select(net.sf.saxon.s9api.streams.Steps.descendant("dossier")).count() == 1;
            if (d != Dialect.ST96 && oneDossier) {
                ratios.add(row(converter, identity, name, d, bytes.length, d.wireName() + " → st96", seconds,
                        () -> converter.convert(doc, d, Dialect.ST96, name), () -> identity(saxon, identity, doc)));
            }
        }
        double geo = Math.exp(ratios.stream().mapToDouble(Math::log).average().orElse(0));
        System.out.printf(Locale.ROOT, "%nrows: %d; geometric mean of time ratios: %.2f; worst dialect↔canonical ratio: %.2f%n",
                ratios.size(), geo, worst);
    }

    private static byte[] identity(SecureSaxon saxon, XsltExecutable identity, XdmNode doc) {
        try {
            Xslt30Transformer t = saxon.transformer(identity);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.applyTemplates(doc, t.newSerializer(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alternates short bursts of both until each has had its time; prints one table row; returns the ratio. */
    private static double row(DialectConverter converter, XsltExecutable identity, String file, Dialect d, int size,
                              String direction, double seconds, Supplier<byte[]> conversion, Supplier<byte[]> baseline) {
        byte[] output = conversion.get();
        XdmNode outputDoc = converter.parse(output, file + " output");
        Supplier<byte[]> outputBaseline = () -> identity(converter.saxon(), identity, outputDoc);
        // warm-up until the JIT has compiled this row's paths: a fixed number of runs (20 until 2026-11-27)
        // left a conversion of tens of microseconds measured half-interpreted
        long warmEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        for (int i = 0; i < 20 || System.nanoTime() < warmEnd; i++) {
            conversion.get();
            baseline.get();
            outputBaseline.get();
        }
        long convNanos = 0;
        long idNanos = 0;
        long outNanos = 0;
        long convRuns = 0;
        long idRuns = 0;
        long budget = (long) (seconds * 1e9);
        while (convNanos < budget || idNanos < budget) {
            long t0 = System.nanoTime();
            conversion.get();
            long t1 = System.nanoTime();
            baseline.get();
            long t2 = System.nanoTime();
            outputBaseline.get();
            long t3 = System.nanoTime();
            convNanos += t1 - t0;
            idNanos += t2 - t1;
            outNanos += t3 - t2;
            convRuns++;
            idRuns++;
        }
        double convMBs = size * (double) convRuns / (convNanos / 1e9) / 1e6;
        double idMBs = size * (double) idRuns / (idNanos / 1e9) / 1e6;
        double ratio = (convNanos / (double) convRuns) / (idNanos / (double) idRuns);
        double ratioOut = convNanos / (double) outNanos;
        System.out.printf(Locale.ROOT, "| %s | %s | %,d B | %,d B | %s | %.1f | %.1f | %.2f | %.2f |%n", file, d.wireName(),
                size, output.length, direction, convMBs, idMBs, ratio, ratioOut);
        return ratio;
    }

    private DialectBench() {
    }
}
