package org.dossierlink.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dossierlink.validation.DossierValidator;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.validation.ValidationReport;

/**
 * Validation throughput of {@link DossierValidator} against {@code xmllint --nonet --noout --schema} on one
 * large OPS answer (the family members of family_legal_EP2400812A1.xml repeated COPIES times), in the same
 * run, alternating (issue: office dialects, validation service). Both use the bundled xsd/ops/ops.xsd and
 * xsd/catalog.xml. Prints the first (cold) and best-of-N times of each and the ratio.
 *
 * <p>Usage: {@code ValidationBench CORPUS_DIR OUT_DIR [COPIES] [ROUNDS]}; run from the repository root.
 */
public final class ValidationBench {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        String doc = Files.readString(corpus.resolve("epo-ops/responses/family_legal_EP2400812A1.xml"));
        Matcher m = Pattern.compile("(?s)<ops:family-member.*</ops:family-member>").matcher(doc);
        if (!m.find()) {
            throw new IllegalStateException("no family members in the corpus file");
        }
        StringBuilder big = new StringBuilder(doc.substring(0, m.start()));
        for (int i = 0; i < copies; i++) {
            big.append(m.group()).append('\n');
        }
        big.append(doc.substring(m.end()));
        Path file = out.resolve("validation-large.xml");
        Files.writeString(file, big, StandardCharsets.UTF_8);
        double mb = Files.size(file) / 1e6;

        DossierValidator validator = new DossierValidator();
        long jdkFirst = -1;
        long jdkBest = Long.MAX_VALUE;
        long lintFirst = -1;
        long lintBest = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            ValidationReport r = validator.validate(file, null, ValidationMode.STRICT);
            long jdk = System.nanoTime() - t0;
            if (!r.valid()) {
                throw new IllegalStateException("the large file should validate: " + r.toTextLines());
            }
            long t1 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder("xmllint", "--nonet", "--noout", "--schema", "xsd/ops/ops.xsd",
                    file.toString()).redirectErrorStream(true).redirectOutput(out.resolve("xmllint.log").toFile());
            pb.environment().put("XML_CATALOG_FILES", Path.of("xsd/catalog.xml").toAbsolutePath().toString());
            int exit = pb.start().waitFor();
            long lint = System.nanoTime() - t1;
            if (exit != 0) {
                throw new IllegalStateException("xmllint refused the large file; see " + out.resolve("xmllint.log"));
            }
            if (i == 0) {
                jdkFirst = jdk;
                lintFirst = lint;
            }
            jdkBest = Math.min(jdkBest, jdk);
            lintBest = Math.min(lintBest, lint);
        }
        System.out.printf(Locale.ROOT, "| file | dossierlink first | dossierlink best of %d | xmllint first | xmllint best of %d"
                + " | ratio best (dossierlink / xmllint) |%n|---|---|---|---|---|---|%n", rounds, rounds);
        System.out.printf(Locale.ROOT, "| %.1f MB | %d ms | %d ms (%.1f MB/s) | %d ms | %d ms (%.1f MB/s) | %.2f |%n", mb,
                jdkFirst / 1_000_000, jdkBest / 1_000_000, mb / (jdkBest / 1e9), lintFirst / 1_000_000,
                lintBest / 1_000_000, mb / (lintBest / 1e9), (double) jdkBest / lintBest);
    }

    private ValidationBench() {
    }
}
