package org.dossierlink.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dossierlink.bulk.PackageWriter;
import org.dossierlink.cli.Progress;
import org.dossierlink.dialect.CanonicalDossierXml;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.dialect.DossierImporter;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.dossier.Publication;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;

/**
 * Generates a bulk package for the bulk benchmark: every dossier record of the real corpus documents
 * (ST.36 EP publications, JPO gazettes, USPTO Red Book samples, CNIPA, ST.96, EPO OPS and Register answers,
 * each converted to canonical once, here), repeated with varied numbers: item i takes template i mod T and
 * gets its own application, publication and priority numbers (every three consecutive items of a template
 * share a priority: small families). Items are canonical records, as a node's export writes them. The
 * manifest is signed by a fresh key whose certificate goes to TRUST_DIR/PACKAGE-NAME.pem.
 *
 * <pre>java -cp ... org.dossierlink.bench.BulkPackageGenerator CORPUS_DIR PACKAGE ITEMS TRUST_DIR</pre>
 */
public final class BulkPackageGenerator {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BulkPackageGenerator CORPUS_DIR PACKAGE ITEMS TRUST_DIR");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        Path pkg = Path.of(args[1]);
        int items = Integer.parseInt(args[2]);
        Path trust = Path.of(args[3]);
        List<Dossier> templates = templates(corpus);
        System.out.printf("templates: %d dossier records from the corpus%n", templates.size());

        SigningKey key = SelfSignedKeys.generate("bench", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=bulk bench",
                Duration.ofDays(30));
        Files.createDirectories(trust);
        // one certificate per package: packages made earlier stay verifiable
        Files.writeString(trust.resolve(pkg.getFileName() + ".pem"), Certificates.pem(key.certificate()));
        PayloadSigner signer = new PayloadSigner(new SigningKeys(List.of(key), SignatureAlgorithm.ECDSA_P256_SHA256, "bench"));

        long started = System.nanoTime();
        PrintWriter err = new PrintWriter(System.err, true);
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, signer, "EP", "bench-" + items, Instant.now(), null);
             Progress progress = Progress.of("generate", "items", items, err)) {
            for (int i = 0; i < items; i++) {
                Dossier d = varied(templates.get(i % templates.size()), i, templates.size());
                w.add(d.application().key(), Dialect.CANONICAL, CanonicalDossierXml.toBytes(d, List.of()), List.of());
                progress.advance(1);
            }
            w.finish();
            progress.finish();
        }
        System.out.printf("package: %s, %d items, %.1f MB, written in %.1f s%n", pkg, items, Files.size(pkg) / 1e6,
                (System.nanoTime() - started) / 1e9);
    }

    /** The canonical records of every corpus document the converter reads. */
    static List<Dossier> templates(Path corpus) throws IOException {
        NumberNormalizer normalizer = new NumberNormalizer();
        DialectConverter converter = new DialectConverter(normalizer);
        DossierImporter reader = new DossierImporter(null, normalizer, converter);
        List<Dossier> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("st36/ep-publication", "jpo/jp-gazette-st36", "uspto/redbook-samples", "cnipa",
                "st96/examples", "epo-ops/responses")) {
            try (Stream<Path> s = Files.list(corpus.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                Dialect dialect = DialectDetector.detect(f).dialect();
                List<Dossier> records = reader.read(dialect, in, f.toString());
                out.addAll(records);
            } catch (RuntimeException e) {
                System.out.printf("  (skipped %s: %s)%n", corpus.relativize(f), e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no dossier record in the corpus at " + corpus);
        }
        return out;
    }

    /** Template {@code t} with numbers of its own for item {@code i}. */
    static Dossier varied(Dossier t, int i, int templates) {
        ApplicationRef a = t.application();
        String number = vary(a.number(), i);
        ApplicationRef app = new ApplicationRef(a.office(), number, a.kind(), null, a.filingDate());
        List<Publication> pubs = new ArrayList<>();
        for (Publication p : t.publications()) {
            pubs.add(new Publication(p.country(), vary(p.number(), i), p.kind(), p.date()));
        }
        List<PriorityClaim> claims = new ArrayList<>();
        int family = i / (3 * templates);
        for (PriorityClaim c : t.priorityClaims()) {
            claims.add(new PriorityClaim(c.sequence(), c.country(), vary(c.number(), family), null, c.date(), c.kind(),
                    c.active()));
        }
        return new Dossier(app, pubs, claims, t.titles(), t.applicants(), t.inventors(), t.classifications(),
                t.abstracts(), t.familyId() == null ? null : t.familyId() + "-" + family, t.source());
    }

    /** The number with its last seven digits replaced by i (keeps the office's shape: length, prefix). */
    static String vary(String number, int i) {
        String digits = String.format("%07d", i % 10_000_000);
        if (number.length() <= 7) {
            return number + digits;
        }
        return number.substring(0, number.length() - 7) + digits;
    }
}
