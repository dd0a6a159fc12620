package org.dossierlink.bench;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.xml.stream.XMLStreamWriter;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;

import org.dossierlink.dossier.Dossier;
import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.WireMapper;
import org.dossierlink.signature.ExclusiveC14nWriter;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SelfSignedKeys;
import org.dossierlink.signature.SignatureAlgorithm;
import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.TrustedCertificates;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.xml.SecureXml;
import org.w3c.dom.Document;

/**
 * What a signed GetFamily answer costs in process, one thread, no HTTP: the DOM path (JAXB to DOM, then
 * {@code PayloadSigner.sign(Element)}: exclusive c14n of the DOM, digest, signature, splice) beside the
 * stream path (JAXB straight into {@link ExclusiveC14nWriter}, which digests as it writes, then
 * {@code PayloadSigner.sign(ExclusiveC14nWriter)} signs only SignedInfo), for a 24-member answer (about
 * 20 KB, the mean of the family benchmark) and a 600-member answer (about 0.5 MB, its largest), both built
 * by {@link SyntheticStoreGenerator}. Steps are interleaved round by round; per call it prints the median
 * and mean time and the bytes allocated (ThreadMXBean). Both paths' answers are verified first.
 *
 * <pre>java -cp ... org.dossierlink.bench.SignedFamilyBench [ROUNDS] [MILLIS_PER_STEP]</pre>
 */
public final class SignedFamilyBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        SigningKey key = SelfSignedKeys.generate("bench", SignatureAlgorithm.ECDSA_P256_SHA256, "CN=bench",
                Duration.ofDays(30));
        SigningKeys keys = new SigningKeys(List.of(key), SignatureAlgorithm.ECDSA_P256_SHA256, "bench");
        PayloadSigner signer = new PayloadSigner(keys);
        SignatureVerifier verifier = new SignatureVerifier(TrustedCertificates.of(keys), VerificationLimits.defaults());
        JAXBContext jaxb = JAXBContext.newInstance(GetFamilyResponse.class);

        SyntheticStoreGenerator generator = new SyntheticStoreGenerator();
        Map<String, Map<String, Step>> sizes = new LinkedHashMap<>();
        for (int members : new int[] {24, 600}) {
            GetFamilyResponse answer = answer(generator.family(members));
            byte[] dom = domPath(jaxb, signer, answer);
            ExclusiveC14nWriter w = streamPath(jaxb, signer, answer, OutputStream.nullOutputStream());
            byte[] stream = w.toByteArrayWith(signer.sign(w));
            for (byte[] signed : List.of(dom, stream)) {
                Document d = SecureXml.documentBuilderRefusingDoctype().parse(new ByteArrayInputStream(signed));
                verifier.verify(d);
            }
            String label = String.format(Locale.ROOT, "%d members, %,d bytes signed", members, stream.length);
            Map<String, Step> steps = new LinkedHashMap<>();
            steps.put("before: JAXB to DOM + PayloadSigner.sign(Element) + write", () -> {
                OutputStream.nullOutputStream().write(domPath(jaxb, signer, answer));
            });
            steps.put("after: JAXB to ExclusiveC14nWriter + PayloadSigner.sign(writer) + write",
                    () -> streamPath(jaxb, signer, answer, OutputStream.nullOutputStream()));
            steps.put("  JAXB to DOM alone", () -> toDom(jaxb, answer));
            steps.put("  JAXB to ExclusiveC14nWriter alone (canonical bytes + SHA-256)", () -> {
                ExclusiveC14nWriter c = canonical(jaxb, answer);
                c.digest();
            });
            steps.put("  PayloadSigner.sign(writer) alone (SignedInfo, ECDSA, signature's c14n)", () -> signer.sign(w));
            steps.put("  for reference: JAXB to Woodstox, unsigned", () -> {
                XMLStreamWriter x = SecureXml.outputFactory().createXMLStreamWriter(OutputStream.nullOutputStream(), "UTF-8");
                fragment(jaxb).marshal(answer, x);
                x.flush();
            });
            sizes.put(label, steps);
        }

        Map<String, List<long[]>> results = new LinkedHashMap<>();
        for (int round = -1; round < rounds; round++) {
            for (Map.Entry<String, Map<String, Step>> size : sizes.entrySet()) {
                for (Map.Entry<String, Step> step : size.getValue().entrySet()) {
                    long[] r = time(step.getValue(), round < 0 ? millis / 2 : millis);
                    if (round >= 0) {
                        results.computeIfAbsent(size.getKey() + " | " + step.getKey(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds of %d ms per step, interleaved; per call: thread CPU time (mean),"
                + " wall time (median of the round medians, mean), allocated%n%n", rounds, millis);
        System.out.println("| answer | step | CPU | wall, median | wall, mean | allocated per call |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<long[]>> e : results.entrySet()) {
            long[] medians = e.getValue().stream().mapToLong(r -> r[0]).sorted().toArray();
            double mean = e.getValue().stream().mapToLong(r -> r[1]).average().orElse(0);
            double alloc = e.getValue().stream().mapToLong(r -> r[2]).average().orElse(0);
            double cpu = e.getValue().stream().mapToLong(r -> r[3]).average().orElse(0);
            String[] k = e.getKey().split(" \\| ");
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f µs | %.1f µs | %.1f µs | %,.0f KB |%n", k[0], k[1],
                    cpu / 1e3, medians[medians.length / 2] / 1e3, mean / 1e3, alloc / 1024);
        }
    }

    private static GetFamilyResponse answer(List<Dossier> dossiers) {
        List<FamilyMember> members = new ArrayList<>();
        for (int i = 0; i < dossiers.size(); i++) {
            members.add(new FamilyMember(dossiers.get(i), i == 0 ? List.of() : List.of(dossiers.get(0).application().key()),
                    i == 1));
        }
        var app = dossiers.get(Math.min(1, dossiers.size() - 1)).application();
        NormalizedNumber query = new NumberNormalizer().normalize(app.office(), app.originalNumber(),
                NumberType.parse("application", null));
        return WireMapper.toWire(new DossierService.FamilyAnswer(query,
                new Family(FamilyType.EXTENDED, app.key(), members), Map.of()));
    }

    private static Marshaller fragment(JAXBContext jaxb) throws Exception {
        Marshaller m = jaxb.createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        return m;
    }

    private static Document toDom(JAXBContext jaxb, GetFamilyResponse answer) throws Exception {
        Document doc = SecureXml.newDocument();
        fragment(jaxb).marshal(answer, doc);
        return doc;
    }

    private static byte[] domPath(JAXBContext jaxb, PayloadSigner signer, GetFamilyResponse answer) throws Exception {
        return signer.sign(toDom(jaxb, answer).getDocumentElement());
    }

    private static ExclusiveC14nWriter canonical(JAXBContext jaxb, GetFamilyResponse answer) throws Exception {
        ExclusiveC14nWriter w = new ExclusiveC14nWriter(PayloadSigner.ID_ATTRIBUTE, "dl-" + UUID.randomUUID(), 16 * 1024);
        fragment(jaxb).marshal(answer, w);
        return w;
    }

    private static ExclusiveC14nWriter streamPath(JAXBContext jaxb, PayloadSigner signer, GetFamilyResponse answer,
            OutputStream out) throws Exception {
        ExclusiveC14nWriter w = canonical(jaxb, answer);
        if (!w.complete()) {
            throw new IllegalStateException("not written as a stream: " + w.refusal());
        }
        w.writeWith(signer.sign(w), out);
        return w;
    }

    /**
     * Runs a step for {@code millis} (at least 10 times): {median ns, mean ns, mean allocated bytes, mean thread
     * CPU ns}. The CPU time holds when other processes take the cores away; the wall times do not.
     */
    private static long[] time(Step step, long millis) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        List<Long> times = new ArrayList<>();
        long allocated = 0;
        long cpu = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end || times.size() < 10) {
            long a0 = threads.getThreadAllocatedBytes(self);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            step.run();
            times.add(System.nanoTime() - t0);
            cpu += threads.getCurrentThreadCpuTime() - c0;
            allocated += threads.getThreadAllocatedBytes(self) - a0;
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(t);
        return new long[] {t[t.length / 2], (long) Arrays.stream(t).average().orElse(0), allocated / t.length,
                cpu / t.length};
    }

    interface Step {
        void run() throws Exception;
    }
}
