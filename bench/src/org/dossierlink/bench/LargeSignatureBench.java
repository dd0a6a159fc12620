package org.dossierlink.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.signature.VerifiedSignature;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;

/**
 * Signing and verifying one large document, dossierlink beside xmlsec1 (issue: XML-DSig, target 2).
 * <ol>
 * <li>Builds a well-formed document of about TARGET_MB megabytes under one root, {@code <bench-corpus>}:
 * real publications from the corpus (EP and US full texts, CN, ST.96), prolog and DOCTYPE removed,
 * repeated until the size is reached.</li>
 * <li>Makes an RSA-2048 key with a self-signed certificate ({@link SelfSignedKeys}) and writes it in PEM
 * for xmlsec1.</li>
 * <li>Writes xmlsec1's template: the same document with {@code Id="bench-root"} on the root and, as
 * its last child, a signature template equivalent to what {@link PayloadSigner} makes: exclusive
 * c14n, RSA-SHA256; Reference {@code URI="#bench-root"} with the enveloped-signature and exclusive
 * c14n transforms and SHA-256; a second Reference to a ds:SignatureProperties object holding a
 * signing time; the certificate in KeyInfo.</li>
 * <li>Runs, WARMUP times untimed and then ROUNDS times alternating, each from and to disk:
 * <ul>
 * <li>dossierlink sign: parse the file, {@link PayloadSigner#sign}, write the bytes;</li>
 * <li>{@code xmlsec1 --sign --privkey-pem key,cert --id-attr:Id bench-corpus --output ... template};</li>
 * <li>dossierlink verify: parse the file dossierlink signed (DOCTYPE refused), {@link SignatureVerifier#verify};</li>
 * <li>{@code xmlsec1 --verify --trusted-pem cert --id-attr:Id bench-corpus} on that same file.</li>
 * </ul>
 * xmlsec1 is timed as the wall time of its process, which includes its start-up; its time on a tiny
 * file (sign and verify, same template) is printed so that the start-up share can be seen. For reference,
 * the measured rounds also time {@code java -jar target/dossierlink.jar verify} on the same file: a new
 * JVM, as a user running the command line would pay.</li>
 * </ol>
 * It prints the median and the best of each, the dossierlink times split into parse / sign or verify /
 * write, and the ratios dossierlink / xmlsec1 of the medians. A System.gc() runs, untimed, before each
 * dossierlink step, so that one step does not pay for the garbage of the one before.
 *
 * <p>Usage: {@code LargeSignatureBench CORPUS_DIR OUT_DIR [TARGET_MB] [ROUNDS] [WARMUP]}; from the repository root.
 */
public final class LargeSignatureBench {

    /** Real publications without DOCTYPE internal subsets or undeclared entities, all UTF-8. */
    private static final List<String> SOURCES = List.of(
            "st36/ep-publication/EP1599469B1_DOC00001.xml",
            "st36/ep-publication/EP1667425A1_DOC00001.xml",
            "uspto/redbook-samples/US20210049351A1.xml",
            "cnipa/CN103492414A_cn_old.xml",
            "cnipa/cn_new1.xml",
            "st96/examples/PatentPublication_Example.xml");

    /** Without it xmlsec1 (libxml2) writes its output in ASCII, every other character as a character reference. */
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static final Pattern PROLOG = Pattern.compile("\\A(?:\\s|<\\?xml[^>]*\\?>|<!DOCTYPE[^>\\[]*>|<!--(?:(?!-->).)*-->)*",
            Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double targetMb = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Files.createDirectories(out);

        Path input = out.resolve("dsig-large.xml");
        Path template = out.resolve("dsig-large-template.xml");
        Path tinyInput = out.resolve("dsig-tiny.xml");
        Path tinyTemplate = out.resolve("dsig-tiny-template.xml");
        Path dlSigned = out.resolve("dsig-large-signed-dossierlink.xml");
        Path xsSigned = out.resolve("dsig-large-signed-xmlsec1.xml");
        Path tinyXsSigned = out.resolve("dsig-tiny-signed-xmlsec1.xml");
        Path keyPem = out.resolve("dsig-key.pem");
        Path certPem = out.resolve("dsig-cert.pem");

        String body = largeBody(corpus, targetMb);
        Files.writeString(input, DECLARATION + "<bench-corpus>" + body + "</bench-corpus>\n", StandardCharsets.UTF_8);
        String tinyBody = "<item n=\"1\">a tiny document</item>";
        Files.writeString(tinyInput, DECLARATION + "<bench-corpus>" + tinyBody + "</bench-corpus>\n", StandardCharsets.UTF_8);

        SigningKey key = SelfSignedKeys.generate("bench-rsa", SignatureAlgorithm.RSA_SHA256, "CN=dossierlink bench",
                Duration.ofDays(2));
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64,
                "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(certPem, Certificates.pem(key.certificate()));
        SigningKeys keys = new SigningKeys(List.of(key), SignatureAlgorithm.RSA_SHA256, "bench");
        PayloadSigner signer = new PayloadSigner(keys);
        SignatureVerifier verifier = new SignatureVerifier(TrustedCertificates.of(keys), VerificationLimits.defaults());

        String signingTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        Files.writeString(template, DECLARATION + "<bench-corpus Id=\"bench-root\">" + body + signatureTemplate(signingTime)
                + "</bench-corpus>\n", StandardCharsets.UTF_8);
        Files.writeString(tinyTemplate, DECLARATION + "<bench-corpus Id=\"bench-root\">" + tinyBody + signatureTemplate(signingTime)
                + "</bench-corpus>\n", StandardCharsets.UTF_8);

        List<String> xsSign = List.of("xmlsec1", "--sign", "--privkey-pem", keyPem + "," + certPem,
                "--id-attr:Id", "bench-corpus", "--output", xsSigned.toString(), template.toString());
        List<String> xsVerify = List.of("xmlsec1", "--verify", "--trusted-pem", certPem.toString(),
                "--id-attr:Id", "bench-corpus", dlSigned.toString());
        Path trustDir = out.resolve("dsig-trust");
        Files.createDirectories(trustDir);
        Files.writeString(trustDir.resolve("bench.pem"), Certificates.pem(key.certificate()));
        List<String> dlCliVerify = List.of("java", "-jar", "target/dossierlink.jar", "verify", "--trust", trustDir.toString(),
                dlSigned.toString());
        List<String> xsTinySign = List.of("xmlsec1", "--sign", "--privkey-pem", keyPem + "," + certPem,
                "--id-attr:Id", "bench-corpus", "--output", tinyXsSigned.toString(), tinyTemplate.toString());
        List<String> xsTinyVerify = List.of("xmlsec1", "--verify", "--trusted-pem", certPem.toString(),
                "--id-attr:Id", "bench-corpus", tinyXsSigned.toString());

        System.out.printf(Locale.ROOT, "document: %s, %,d bytes (%.1f MB), %,d elements; xmlsec1 template %,d bytes%n",
                input, Files.size(input), Files.size(input) / 1e6, countElements(input), Files.size(template));
        System.out.println("xmlsec1 sign:   " + String.join(" ", xsSign));
        System.out.println("xmlsec1 verify: " + String.join(" ", xsVerify));

        Map<String, List<Long>> t = new LinkedHashMap<>();
        for (String k : List.of("dl sign total", "dl sign parse", "dl sign sign", "dl sign write", "xs sign",
                "dl verify total", "dl verify parse", "dl verify verify", "xs verify", "xs tiny sign", "xs tiny verify",
                "dl cli verify")) {
            t.put(k, new ArrayList<>());
        }
        for (int i = 0; i < warmup + rounds; i++) {
            boolean measured = i >= warmup;
            long[] sign = dossierlinkSign(signer, input, dlSigned);
            long xsSignNs = run(xsSign);
            long[] verify = dossierlinkVerify(verifier, dlSigned);
            long xsVerifyNs = run(xsVerify);
            long xsTinySignNs = run(xsTinySign);
            long xsTinyVerifyNs = run(xsTinyVerify);
            long cliNs = measured ? run(dlCliVerify) : 0;
            if (measured) {
                t.get("dl cli verify").add(cliNs);
                add(t, "dl sign", sign);
                t.get("xs sign").add(xsSignNs);
                add(t, "dl verify", verify);
                t.get("xs verify").add(xsVerifyNs);
                t.get("xs tiny sign").add(xsTinySignNs);
                t.get("xs tiny verify").add(xsTinyVerifyNs);
            }
            System.out.printf(Locale.ROOT, "%s %d: dossierlink sign %d ms, xmlsec1 sign %d ms, dossierlink verify %d ms,"
                            + " xmlsec1 verify %d ms (tiny file: xmlsec1 sign %d ms, verify %d ms)%n",
                    measured ? "round" : "warm-up", measured ? i - warmup + 1 : i + 1, sign[0] / 1_000_000,
                    xsSignNs / 1_000_000, verify[0] / 1_000_000, xsVerifyNs / 1_000_000, xsTinySignNs / 1_000_000,
                    xsTinyVerifyNs / 1_000_000);
        }
        // cross-checks, untimed: each signature verifies with the other tool
        VerifiedSignature v = verifier.verify(SignatureVerifier.payloadOf(parseRefusingDoctype(xsSigned)), Instant.now());
        System.out.println("cross-check: dossierlink verifies xmlsec1's signature: " + v.signatureAlgorithm()
                + ", signed at " + v.signingTime());
        run(List.of("xmlsec1", "--verify", "--trusted-pem", certPem.toString(), "--id-attr:Id", "bench-corpus",
                xsSigned.toString()));
        System.out.println("cross-check: xmlsec1 verifies its own signature, and (in every round) dossierlink's");
        System.out.printf(Locale.ROOT, "signed sizes: dossierlink %,d bytes, xmlsec1 %,d bytes%n", Files.size(dlSigned),
                Files.size(xsSigned));

        System.out.println();
        System.out.printf(Locale.ROOT, "| %d rounds after %d warm-up | median | best |%n|---|---|---|%n", rounds, warmup);
        String[][] rows = {
                {"dossierlink sign: parse + sign + write (in the JVM)", "dl sign total"},
                {"  parse the file (DOM)", "dl sign parse"},
                {"  PayloadSigner.sign", "dl sign sign"},
                {"  write the signed bytes", "dl sign write"},
                {"xmlsec1 --sign (wall time of the process)", "xs sign"},
                {"xmlsec1 --sign, tiny file (start-up and key loading)", "xs tiny sign"},
                {"dossierlink verify: parse + verify (in the JVM)", "dl verify total"},
                {"  parse the file (DOM, DOCTYPE refused)", "dl verify parse"},
                {"  SignatureVerifier.verify", "dl verify verify"},
                {"xmlsec1 --verify --trusted-pem (wall time of the process)", "xs verify"},
                {"xmlsec1 --verify, tiny file", "xs tiny verify"},
                {"for reference: `dossierlink verify` as a new JVM (java -jar, start-up and cold JIT)", "dl cli verify"},
        };
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms |%n", row[0], median(t.get(row[1])) / 1e6,
                    best(t.get(row[1])) / 1e6);
        }
        double signRatio = median(t.get("dl sign total")) / median(t.get("xs sign"));
        double verifyRatio = median(t.get("dl verify total")) / median(t.get("xs verify"));
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio dossierlink / xmlsec1, medians: sign %.2f, verify %.2f (target: at most 1.5)%n",
                signRatio, verifyRatio);
        System.out.printf(Locale.ROOT, "ratio with xmlsec1's tiny-file time taken off its wall time: sign %.2f, verify %.2f%n",
                median(t.get("dl sign total")) / (median(t.get("xs sign")) - median(t.get("xs tiny sign"))),
                median(t.get("dl verify total")) / (median(t.get("xs verify")) - median(t.get("xs tiny verify"))));
    }

    /** Corpus roots, prolog and DOCTYPE removed, repeated until {@code targetMb} is reached. */
    private static String largeBody(Path corpus, double targetMb) throws IOException {
        List<String> roots = new ArrayList<>();
        for (String s : SOURCES) {
            String text = Files.readString(corpus.resolve(s), StandardCharsets.UTF_8);
            roots.add(PROLOG.matcher(text).replaceFirst("").strip());
        }
        StringBuilder sb = new StringBuilder();
        long target = (long) (targetMb * 1_000_000);
        long bytes = 0;
        for (int i = 0; bytes < target; i++) {
            String root = roots.get(i % roots.size());
            sb.append('\n').append(root);
            bytes += 1 + root.getBytes(StandardCharsets.UTF_8).length;
        }
        return sb.append('\n').toString();
    }

    private static String signatureTemplate(String signingTime) {
        String ds = "http://www.w3.org/2000/09/xmldsig#";
        String exc = "http://www.w3.org/2001/10/xml-exc-c14n#";
        String sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
        return "<ds:Signature xmlns:ds=\"" + ds + "\" Id=\"bench-root-signature\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"" + exc + "\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + "<ds:Reference URI=\"#bench-root\"><ds:Transforms>"
                + "<ds:Transform Algorithm=\"" + ds + "enveloped-signature\"/><ds:Transform Algorithm=\"" + exc + "\"/>"
                + "</ds:Transforms><ds:DigestMethod Algorithm=\"" + sha256 + "\"/><ds:DigestValue/></ds:Reference>"
                + "<ds:Reference Type=\"" + ds + "SignatureProperties\" URI=\"#bench-root-properties\"><ds:Transforms>"
                + "<ds:Transform Algorithm=\"" + exc + "\"/></ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"" + sha256 + "\"/><ds:DigestValue/></ds:Reference>"
                + "</ds:SignedInfo><ds:SignatureValue/>"
                + "<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>"
                + "<ds:Object><ds:SignatureProperties Id=\"bench-root-properties\">"
                + "<ds:SignatureProperty Target=\"#bench-root-signature\">"
                + "<dl:SigningTime xmlns:dl=\"urn:dossierlink:signature:1\">" + signingTime + "</dl:SigningTime>"
                + "</ds:SignatureProperty></ds:SignatureProperties></ds:Object></ds:Signature>";
    }

    /** {total, parse, sign, write} in nanoseconds. */
    private static long[] dossierlinkSign(PayloadSigner signer, Path input, Path output) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        Document doc;
        try (InputStream in = Files.newInputStream(input)) {
            doc = SecureXml.documentBuilder().parse(in);
        }
        long t1 = System.nanoTime();
        byte[] signed = signer.sign(doc.getDocumentElement());
        long t2 = System.nanoTime();
        Files.write(output, signed);
        long t3 = System.nanoTime();
        return new long[] {t3 - t0, t1 - t0, t2 - t1, t3 - t2};
    }

    /** {total, parse, verify} in nanoseconds. */
    private static long[] dossierlinkVerify(SignatureVerifier verifier, Path signed) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        Document doc = parseRefusingDoctype(signed);
        long t1 = System.nanoTime();
        verifier.verify(SignatureVerifier.payloadOf(doc), Instant.now());
        long t2 = System.nanoTime();
        return new long[] {t2 - t0, t1 - t0, t2 - t1};
    }

    private static Document parseRefusingDoctype(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return SecureXml.documentBuilderRefusingDoctype().parse(in);
        }
    }

    /** Wall time of a process in nanoseconds; fails when it exits non-zero. */
    private static long run(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        long t = System.nanoTime() - t0;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
        return t;
    }

    private static void add(Map<String, List<Long>> t, String prefix, long[] values) {
        String[] parts = prefix.endsWith("sign") ? new String[] {"total", "parse", "sign", "write"}
                : new String[] {"total", "parse", "verify"};
        for (int i = 0; i < parts.length; i++) {
            t.get(prefix + " " + parts[i]).add(values[i]);
        }
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static double best(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long countElements(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return SecureXml.documentBuilder().parse(in).getElementsByTagName("*").getLength();
        }
    }

    private LargeSignatureBench() {
    }
}
