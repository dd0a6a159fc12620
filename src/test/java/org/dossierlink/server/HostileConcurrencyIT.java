package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dossierlink.testsupport.RawSoap.envelope;
import static org.dossierlink.testsupport.RawSoap.xpath;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.dossierlink.testsupport.HostilePayloads;
import org.dossierlink.testsupport.HostilePayloads.Attack;
import org.dossierlink.testsupport.OutboundTrap;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.RunningServer;
import org.dossierlink.testsupport.SoapFaults;
import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * 64 clients at once, for {@code -Dhostile.duration=SECONDS} (default 60), each mixing good calls with
 * hostile ones on both ports. Every good call gets its right answer (content checked), every hostile call
 * its typed fault, the trap sees nothing; afterwards /health/ready answers 200 and the heap after a GC is
 * within a generous margin of where it started.
 */
class HostileConcurrencyIT {

    private static final String M = "xmlns:m=\"urn:dossierlink:messages:1\"";
    private static final int CLIENTS = 64;

    @TempDir
    Path dir;

    /** One kind of call: what is sent and what the answer must be. */
    private record Call(String name, Version version, String operation, byte[] payload, Consumer<HttpResponse<String>> check) {
    }

    @Test
    void good_calls_stay_correct_while_hostile_ones_are_refused() throws Exception {
        long seconds = Long.getLong("hostile.duration", 60);
        try (OutboundTrap trap = OutboundTrap.open(dir)) {
            DossierServer server = RunningServer.start();
            try {
                List<Call> calls = calls(server, trap);
                // warm up every call once (stylesheets, schemas, JIT), then take the heap baseline
                for (Call c : calls) {
                    c.check().accept(send(server, c));
                }
                long before = heapAfterGc();

                AtomicLong good = new AtomicLong();
                AtomicLong hostile = new AtomicLong();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> clients = new ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    int offset = t;
                    clients.add(pool.submit(() -> {
                        int i = offset;
                        while (System.nanoTime() < end && failures.size() < 20) {
                            Call c = calls.get(i++ % calls.size());
                            try {
                                c.check().accept(send(server, c));
                                (c.name().startsWith("good") ? good : hostile).incrementAndGet();
                            } catch (Throwable e) {
                                failures.add(c.name() + ": " + e.getMessage());
                            }
                        }
                    }));
                }
                pool.shutdown();
                assertThat(pool.awaitTermination(seconds + 120, TimeUnit.SECONDS)).as("clients finished").isTrue();
                for (Future<?> f : clients) {
                    f.get();
                }
                assertThat(failures).as("failed calls").isEmpty();
                assertThat(good.get()).as("good calls answered").isPositive();
                assertThat(hostile.get()).as("hostile calls refused").isPositive();

                HttpResponse<String> ready = RawSoap.get(server.rootUrl() + "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                long after = heapAfterGc();
                assertThat(after).as("heap after GC: before %d MB, after %d MB", before >> 20, after >> 20)
                        .isLessThan(before + 256L * 1024 * 1024);
                trap.assertUntouched();
                System.out.printf("HostileConcurrencyIT: %d s, %d clients, %d good and %d hostile calls, heap %d -> %d MB%n",
                        seconds, CLIENTS, good.get(), hostile.get(), before >> 20, after >> 20);
            } finally {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> send(DossierServer server, Call c) {
        String url = c.version() == Version.SOAP11 ? server.soap11Url() : server.soap12Url();
        return RawSoap.post(url, c.version(), c.operation(), c.payload());
    }

    private static List<Call> calls(DossierServer server, OutboundTrap trap) {
        List<Call> calls = new ArrayList<>();
        List<Attack> attacks = HostilePayloads.entityAttacks(trap);
        byte[] uspto = HostilePayloads.usptoSample().getBytes(StandardCharsets.UTF_8);
        for (Version v : Version.values()) {
            String sender = v == Version.SOAP11 ? "Client" : "Sender";
            calls.add(new Call("good info " + v, v, "GetServiceInfo", utf8(envelope(v, "<m:GetServiceInfo " + M + "/>")), r -> {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(xpath(RawSoap.parse(r.body()), "//m:GetServiceInfoResponse/m:product")).isEqualTo("dossierlink");
            }));
            calls.add(new Call("good normalize " + v, v, "NormalizeNumber", utf8(envelope(v, "<m:NormalizeNumber " + M
                    + "><m:office>EP</m:office><m:number>EP 05255002.7</m:number></m:NormalizeNumber>")), r -> {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        assertThat(xpath(RawSoap.parse(r.body()), "//m:NormalizeNumberResponse/m:normalized/m:docdb"))
                                .isEqualTo("EP.05255002.A");
                    }));
            calls.add(new Call("good validate " + v, v, "ValidateDossier", utf8(envelope(v, "<m:ValidateDossier " + M
                    + "><m:document>" + Base64.getEncoder().encodeToString(uspto) + "</m:document></m:ValidateDossier>")), r -> {
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        Document d = RawSoap.parse(r.body());
                        assertThat(xpath(d, "//m:ValidateDossierResponse/m:valid")).isEqualTo("true");
                        assertThat(xpath(d, "//m:ValidateDossierResponse/m:schema"))
                                .isEqualTo("xsd/uspto/us-patent-grant-v45-2014-04-03.dtd");
                    }));
            for (Attack a : List.of(attacks.get(0), attacks.get(1), attacks.get(4), attacks.get(7))) {
                // in the envelope: refused at the DOCTYPE
                String xml = HostilePayloads.envelopeWithDoctype(v, "<!DOCTYPE env:Envelope [" + a.internalSubset() + "]>",
                        "<m:GetServiceInfo " + M + ">" + a.content() + "</m:GetServiceInfo>");
                calls.add(new Call("hostile envelope " + a.name() + " " + v, v, "GetServiceInfo", utf8(xml), r -> {
                    trap.assertNoSecretIn("answer", r.body());
                    Document d = SoapFaults.assertFault(r, v, sender, "InvalidRequestFault", "INVALID_REQUEST");
                    assertThat(xpath(d, "//m:InvalidRequestFault/m:message")).contains("DOCTYPE");
                }));
                // in a document: the report refuses it
                String doc = Base64.getEncoder().encodeToString(utf8(HostilePayloads.usptoWith(a)));
                calls.add(new Call("hostile document " + a.name() + " " + v, v, "ValidateDossier", utf8(envelope(v,
                        "<m:ValidateDossier " + M + "><m:document>" + doc + "</m:document></m:ValidateDossier>")), r -> {
                            trap.assertNoSecretIn("answer", r.body());
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                            Document d = RawSoap.parse(r.body());
                            assertThat(xpath(d, "//m:ValidateDossierResponse/m:valid")).isEqualTo("false");
                            assertThat(xpath(d, "//m:issue[m:severity='error'][1]/m:message")).containsAnyOf(
                                    "entity expansions", "accumulated size of entities", "refused");
                        }));
            }
            int depth = XmlLimits.MAX_ELEMENT_DEPTH + 10;
            String deep = "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"" + (v == Version.SOAP11 ? RawSoap.SOAP11_NS
                    : RawSoap.SOAP12_NS) + "\"><env:Header>" + "<x>".repeat(depth) + "</x>".repeat(depth)
                    + "</env:Header><env:Body><m:GetServiceInfo " + M + "/></env:Body></env:Envelope>";
            calls.add(new Call("hostile deep " + v, v, "GetServiceInfo", utf8(deep), r -> {
                Document d = SoapFaults.assertFault(r, v, sender, "InvalidRequestFault", "INVALID_REQUEST");
                assertThat(xpath(d, "//m:InvalidRequestFault/m:message")).contains("Depth limit");
            }));
            String pi = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml-stylesheet href=\"" + trap.http("/x.xsl") + "\"?>"
                    + envelope(v, "<m:GetServiceInfo " + M + "/>").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
            calls.add(new Call("hostile stylesheet " + v, v, "GetServiceInfo", utf8(pi), r -> {
                Document d = SoapFaults.assertFault(r, v, sender, "InvalidRequestFault", "INVALID_REQUEST");
                assertThat(xpath(d, "//m:InvalidRequestFault/m:message")).contains("processing instruction");
            }));
        }
        return calls;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Heap in use after a full collection (the least of three, as one GC may leave floating garbage). */
    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
