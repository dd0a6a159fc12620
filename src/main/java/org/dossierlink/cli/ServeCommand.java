package org.dossierlink.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.dossierlink.access.AccessGate;
import org.dossierlink.access.Office;
import org.dossierlink.access.Offices;
import org.dossierlink.linkage.Peers;
import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.demo.DemoDataset;
import org.dossierlink.jobs.BulkTransfer;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dossier.DossierStore;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.operator.TimedDossierStore;
import org.dossierlink.server.AccessControl;
import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.server.TlsKeystore;
import org.dossierlink.service.BulkOperations;
import org.dossierlink.service.DossierService;
import org.dossierlink.service.ServiceInfo;
import org.dossierlink.signature.PayloadSigner;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeys;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcNonceRegistry;
import org.dossierlink.store.JdbcQuotaCounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink serve}: runs the SOAP server until interrupted (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the SOAP server: SOAP 1.1 at /services/dossier, SOAP 1.2 at /services/dossier-soap12,",
                "WSDL at /services/dossier?wsdl. Runs until interrupted."})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /** How long stopping waits for a running bulk import to commit its current item. */
    private static final Duration BULK_STOP_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    NodeOptions node;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: server.port, 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--demo", description = {"Load the demo dataset (real data from the corpus) into the store, and serve with the",
            "demo flag: plain HTTP, no authentication (calls act as the demo office, which sees everything, or as",
            "the office named in a CallingOffice header). For trying dossierlink on this machine only."})
    boolean demo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NodeConfig config = node.config(port);
        Offices offices = Offices.load(config.officesFile());
        Peers peers = config.peersFile() == null ? null : Peers.load(config.peersFile(), config.nodeName());
        PrintWriter out = spec.commandLine().getOut();
        JdbcDossierStore store = NodeOptions.openServingStore(config);
        NumberNormalizer normalizer = new NumberNormalizer();
        DialectConverter converter = new DialectConverter(normalizer);
        DossierServer server = null;
        JdbcAuditLog audit = null;
        BulkTransfer bulk = null;
        AccessControl access = null;
        try {
            SigningKeys keys = SigningKeystore.open(config.signature(), demo, System::getenv, LOG::warn);
            SigningKey current = keys.current(Instant.now());
            if (demo) {
                DemoDataset.Summary s = new DemoDataset(store, normalizer, converter).load();
                out.printf("demo data: %d applications, %d documents loaded into %s%n", s.applications(),
                        s.documents(), describe(config));
            }
            Clock clock = Clock.systemUTC();
            audit = new JdbcAuditLog(store);
            ServerOptions options = (demo ? ServerOptions.demo() : ServerOptions.secured(TlsKeystore.open(config.tls(),
                    System::getenv))).withHost(config.host()).withPort(config.port());
            ServiceInfo info = ServiceInfo.forOffices(config.offices());
            NodeMetrics metrics = new NodeMetrics();
            converter.observe((from, to, nanos) -> metrics.conversion(from.wireName(), to.wireName(), nanos));
            DossierStore timed = new TimedDossierStore(store, metrics);
            AccessGate gate = new AccessGate(offices.policy(), clock);
            DossierService service = new DossierService(timed, normalizer, new FamilyLookup(timed), info, converter, gate);
            PayloadSigner signer = new PayloadSigner(keys);
            bulk = new BulkTransfer(store, converter, normalizer, signer, config.signature().trustDir(),
                    config.signature().limits(), gate, offices.offices().stream().map(Office::code).toList(),
                    config.offices().get(0), config.bulk(), config.bulkWorkDir(), metrics, clock);
            // nodes on one PostgreSQL store share the used nonces and the quota counts through it
            access = store.shared()
                    ? AccessControl.shared(offices, audit, clock, new JdbcNonceRegistry(store, clock),
                            new JdbcQuotaCounts(store))
                    : AccessControl.of(offices, audit, clock);
            try {
                server = new DossierServer(options, service, signer, metrics, access)
                        .withBulk(new BulkOperations(bulk.imports(), bulk.exports()), config.bulk().maxPackageBytes(),
                                bulk.spoolDir());
                if (peers != null) {
                    server.linkTo(peers);
                }
                server.start();
            } catch (java.io.IOException e) {
                throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + " ("
                        + e.getMessage() + "): another process holds the port; stop it, or choose another with --port");
            }
            out.printf("dossierlink %s serving %d applications from %s%n", info.version(),
                    store.applicationCount(), describe(config));
            out.println("  SOAP 1.1 endpoint  " + server.soap11Url());
            out.println("  SOAP 1.2 endpoint  " + server.soap12Url());
            out.println("  WSDL               " + server.wsdlUrl());
            out.println("  health, metrics    " + server.rootUrl() + "/health/ready, " + server.rootUrl() + "/metrics");
            out.println("  offices            " + offices.offices().size() + " offices, " + offices.agreements().size()
                    + " agreements (" + config.officesFile() + ")");
            out.println("  peers              " + (peers == null ? "none (linkage.peers not set)" : peers.all().size()
                    + " peers as node '" + config.nodeName() + "' (" + config.peersFile() + ")"));
            int resumed = bulk.start();
            out.println("  bulk transfer      work folder " + config.bulkWorkDir() + ", packages up to "
                    + config.bulk().maxPackageBytes() + " bytes" + (resumed == 0 ? "" : ", " + resumed
                    + " unfinished import(s) resumed"));
            out.println("  signing key        '" + current.alias() + "' " + current.algorithm().configName() + ", "
                    + current.certificate().getSubjectX500Principal().getName() + ", SHA-256 " + current.fingerprint());
            if (demo) {
                out.println();
                out.println("  *** DEMO FLAG: plain HTTP and NO AUTHENTICATION. Every caller acts as the demo office, which");
                out.println("  *** sees all data, or as any office it names in a CallingOffice header. Do not expose this");
                out.println("  *** node to a network; without --demo it serves HTTPS and authenticates every office.");
                out.println();
                LOG.warn("serving with the demo flag: plain HTTP, no authentication");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            DossierServer running = server;
            JdbcAuditLog auditing = audit;
            BulkTransfer importing = bulk;
            AccessControl accessing = access;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // a running import stops after its current item (committed) and resumes at the next start
                importing.beginStop();
                running.stop();
                importing.stop(BULK_STOP_TIMEOUT);
                accessing.quotas().close();
                auditing.close();
                store.close();
                stopped.countDown();
            }, "dossierlink-shutdown"));
            stopped.await();
            return 0;
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.stop();
            }
            if (bulk != null) {
                bulk.stop(BULK_STOP_TIMEOUT);
            }
            if (access != null) {
                access.quotas().close();
            }
            if (audit != null) {
                audit.close();
            }
            store.close();
            throw e;
        }
    }

    private static String describe(NodeConfig config) {
        return config.storeUrl() == null ? "embedded store in " + Path.of("").toAbsolutePath().relativize(
                config.dataDir().toAbsolutePath()) : config.storeUrl();
    }
}
