package org.dossierlink.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;

import io.micrometer.core.instrument.Timer;

import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.TimedDossierStore;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.WireMapper;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.wire.messages.GetFamilyResponse;

/**
 * Where a GetFamily call spends its time without HTTP and SOAP around it: one thread, the same
 * queries as the load benchmark, split into normalise + family lookup (store), domain-to-wire
 * mapping, and JAXB marshalling of the response; the lookup split into normalising, the family index
 * (starting application and closure; the publication index for publication numbers) and reading the
 * members' records ({@code findByApplicationKeys}). First it times opening the store and building its
 * family index in memory, and the heap that index takes.
 *
 * <pre>java -cp ... org.dossierlink.bench.FamilyLookupBreakdown DATA_DIR QUERY_FILE</pre>
 */
public final class FamilyLookupBreakdown {

    private static final int CALLS_PER_ROUND = 3000;
    /** CPU time of the measuring thread: on a shared, loaded machine it varies far less than wall time. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<String[]> queries = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            queries.add(line.split("\t"));
        }
        Collections.shuffle(queries, new Random(1));
        NumberNormalizer normalizer = new NumberNormalizer();
        JAXBContext jaxb = JAXBContext.newInstance(GetFamilyResponse.class);
        long heapBefore = usedHeapAfterGc();
        long t = System.nanoTime();
        try (JdbcDossierStore store = JdbcDossierStore.open(StoreConfig.h2Url(Path.of(args[0])), null, null)) {
            long opened = System.nanoTime();
            boolean inMemory = store.awaitFamilyIndex(10, TimeUnit.MINUTES);
            long ready = System.nanoTime();
            System.out.printf("store open %.0f ms, family index ready %.0f ms after; in memory: %s%n%s%n"
                            + "heap used after GC: %.1f MB before opening, %.1f MB with the store open%n",
                    (opened - t) / 1e6, (ready - opened) / 1e6, inMemory, store.familyIndexStatus(),
                    heapBefore / 1048576.0, usedHeapAfterGc() / 1048576.0);
            // the server's own timing of store calls, read back for the member records
            NodeMetrics metrics = new NodeMetrics();
            FamilyLookup lookup = new FamilyLookup(new TimedDossierStore(store, metrics));
            for (int round = 0; round < 4; round++) {
                long lookupNanos = 0;
                long mapNanos = 0;
                long marshalNanos = 0;
                long lookupCpuNanos = 0;
                long normaliseNanos = 0;
                double recordsBefore = recordNanos(metrics);
                long members = 0;
                long bytes = 0;
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    String[] q = queries.get((round * CALLS_PER_ROUND + i) % queries.size());
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    NormalizedNumber n = normalizer.normalize(q[0], q[1], NumberType.parse(q[2], null));
                    normaliseNanos += System.nanoTime() - t0;
                    Family family = lookup.lookup(n, i % 3 == 0 ? FamilyType.SIMPLE : FamilyType.EXTENDED);
                    long t1 = System.nanoTime();
                    lookupCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
                    GetFamilyResponse wire = WireMapper.toWire(new DossierService.FamilyAnswer(n, family, java.util.Map.of()));
                    long t2 = System.nanoTime();
                    Marshaller m = jaxb.createMarshaller();
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                    m.marshal(wire, out);
                    long t3 = System.nanoTime();
                    lookupNanos += t1 - t0;
                    mapNanos += t2 - t1;
                    marshalNanos += t3 - t2;
                    members += family.members().size();
                    bytes += out.size();
                }
                double records = recordNanos(metrics) - recordsBefore;
                System.out.printf("round %d (%s): lookup CPU %.3f ms; lookup %.3f ms (normalise %.3f, family index %.3f, member records %.3f),"
                                + " mapping %.3f ms, marshalling %.3f ms per call; %.1f members and %.1f KB per answer%n",
                        round, round == 0 ? "warm-up" : "measured", lookupCpuNanos / 1e6 / CALLS_PER_ROUND,
                        lookupNanos / 1e6 / CALLS_PER_ROUND,
                        normaliseNanos / 1e6 / CALLS_PER_ROUND,
                        (lookupNanos - normaliseNanos - records) / 1e6 / CALLS_PER_ROUND,
                        records / 1e6 / CALLS_PER_ROUND, mapNanos / 1e6 / CALLS_PER_ROUND,
                        marshalNanos / 1e6 / CALLS_PER_ROUND, members / (double) CALLS_PER_ROUND,
                        bytes / 1024.0 / CALLS_PER_ROUND);
            }
        }
    }

    private static double recordNanos(NodeMetrics metrics) {
        Timer t = metrics.registry().find("dossierlink.store.query").tag("query", "findByApplicationKeys").timer();
        return t == null ? 0 : t.totalTime(TimeUnit.NANOSECONDS);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
