package org.dossierlink.operator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The node's metrics, in one Prometheus registry that {@code GET /metrics} exposes:
 * <ul>
 * <li>{@code dossierlink_requests_seconds}: every SOAP request, a latency histogram labelled by
 * operation, calling office and outcome ({@code ok}, {@code client_fault}, {@code server_fault});</li>
 * <li>{@code dossierlink_request_errors_total}: the faults, by operation, calling office and kind;</li>
 * <li>{@code dossierlink_store_query_seconds}: store queries, by query;</li>
 * <li>{@code dossierlink_signing_seconds}: signing an answer;</li>
 * <li>{@code dossierlink_conversion_seconds}: one stylesheet run, by dialect pair;</li>
 * <li>bulk transfer: {@code dossierlink_bulk_import_items_total} (by status: stored, unchanged, replaced,
 * rejected), {@code dossierlink_bulk_import_bytes_total}, {@code dossierlink_bulk_imports_running},
 * {@code dossierlink_bulk_imports_queued}, {@code dossierlink_bulk_import_items_per_second} (the running
 * imports together), {@code dossierlink_bulk_export_items_total};</li>
 * <li>{@code dossierlink_peer_calls_seconds} and {@code dossierlink_peer_call_status_total}: calls to peer
 * nodes, by peer and status (answered, timed-out, refused, bad-signature, unreachable, error);</li>
 * <li>JVM memory, GC, threads, class loading and CPU; Jetty's thread pool (bound by the server).</li>
 * </ul>
 * Thread-safe; one per node.
 */
public final class NodeMetrics {

    /** The calling office before authentication names one. */
    public static final String UNIDENTIFIED = "unidentified";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(15),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer signing;

    public NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        signing = Timer.builder("dossierlink.signing").description("Signing one answer (XML-DSig)")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** Records one SOAP request. */
    public void request(String operation, String office, Outcome outcome, long nanos) {
        Timer.builder("dossierlink.requests").description("SOAP requests, by operation, calling office and outcome")
                .tags("operation", operation, "office", office, "outcome", outcome.label())
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome != Outcome.OK) {
            Counter.builder("dossierlink.request.errors").description("SOAP faults, by operation, calling office and kind")
                    .tags("operation", operation, "office", office, "kind", outcome.label())
                    .register(registry).increment();
        }
    }

    /** Times one store query. */
    public <T> T storeQuery(String query, Supplier<T> call) {
        return Timer.builder("dossierlink.store.query").description("Store queries")
                .tag("query", query).serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(call);
    }

    /** Records one stylesheet run, by dialect pair. */
    public void conversion(String from, String to, long nanos) {
        Timer.builder("dossierlink.conversion").description("Dialect conversions (one stylesheet run)")
                .tags("from", from, "to", to).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One item of a bulk import got its outcome ({@code stored}, {@code unchanged}, {@code replaced}, {@code rejected}). */
    public void bulkImportItem(String status) {
        Counter.builder("dossierlink.bulk.import.items").description("Bulk import items, by outcome")
                .tag("status", status).register(registry).increment();
    }

    /** Package bytes a bulk import has read. */
    public void bulkImportBytes(long bytes) {
        Counter.builder("dossierlink.bulk.import.bytes").description("Package bytes read by bulk imports")
                .register(registry).increment(bytes);
    }

    /** Dossiers written into exported packages. */
    public void bulkExportItems(long items) {
        Counter.builder("dossierlink.bulk.export.items").description("Dossiers written into exported packages")
                .register(registry).increment(items);
    }

    /**
     * The bulk import gauges, read at each scrape: imports running and queued, and the items per second
     * of the running imports together.
     */
    public void bulkImportGauges(Supplier<Number> running, Supplier<Number> queued, Supplier<Number> itemsPerSecond) {
        Gauge.builder("dossierlink.bulk.imports.running", running).description("Bulk imports running").register(registry);
        Gauge.builder("dossierlink.bulk.imports.queued", queued).description("Bulk imports waiting for a slot")
                .register(registry);
        Gauge.builder("dossierlink.bulk.import.items.per.second", itemsPerSecond)
                .description("Items per second of the running bulk imports together").register(registry);
    }

    /**
     * Records one call to a peer node: {@code dossierlink_peer_calls_seconds} (latency, by peer, operation and
     * status) and {@code dossierlink_peer_call_status_total} (counts, by peer and status).
     */
    public void peerCall(String peer, String operation, String status, long nanos) {
        Timer.builder("dossierlink.peer.calls").description("Calls to peer nodes, by peer, operation and status")
                .tags("peer", peer, "operation", operation, "status", status)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("dossierlink.peer.call.status").description("Calls to peer nodes, by peer and how they ended")
                .tags("peer", peer, "status", status).register(registry).increment();
    }

    /** Times the signing of one answer. */
    public <T> T signing(Supplier<T> call) {
        return signing.record(call);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /** How a request ended. */
    public enum Outcome {
        OK("ok"), CLIENT_FAULT("client_fault"), SERVER_FAULT("server_fault");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
