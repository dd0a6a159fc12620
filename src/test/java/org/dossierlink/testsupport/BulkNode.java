package org.dossierlink.testsupport;

import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.namespace.QName;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditTrail;
import org.dossierlink.access.Office;
import org.dossierlink.config.BulkSettings;
import org.dossierlink.dossier.DocumentInfo;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.jobs.BulkTransfer;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.operator.NodeMetrics;
import org.dossierlink.server.AccessControl;
import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;
import org.dossierlink.service.BulkOperations;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.JdbcImportLedger;
import org.dossierlink.wire.DossierPortType;
import org.dossierlink.wire.DossierService;
import org.dossierlink.wire.messages.GetPackageReceipt;
import org.dossierlink.wire.messages.GetPackageReceiptResponse;
import org.dossierlink.wire.messages.PackageStatusType;

/**
 * A real node with bulk transfer on a free port of 127.0.0.1 (demo flag: CallingOffice names the caller),
 * over a given store, with the test offices and agreements ({@link TestOffices}) and the test signing key;
 * its audit entries are kept in memory for the tests to read.
 */
public final class BulkNode implements AutoCloseable {

    public final JdbcDossierStore store;
    public final DossierServer server;
    public final BulkTransfer bulk;
    public final NodeMetrics metrics = new NodeMetrics();
    public final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    private BulkNode(JdbcDossierStore store, Path workDir, BulkSettings settings) throws Exception {
        this.store = store;
        Clock clock = Clock.systemUTC();
        this.bulk = new BulkTransfer(store, TestDialects.converter(), new NumberNormalizer(), TestKeys.signer(), null,
                VerificationLimits.defaults(), TestOffices.gate(),
                TestOffices.offices().offices().stream().map(Office::code).toList(), "EP", settings, workDir, metrics,
                clock);
        AuditTrail trail = new AuditTrail() {
            @Override
            public void append(AuditEntry entry) {
                audit.add(entry);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        this.server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(store), TestKeys.signer(),
                metrics, AccessControl.of(TestOffices.offices(), trail, clock))
                .withBulk(new BulkOperations(bulk.imports(), bulk.exports()), settings.maxPackageBytes(), bulk.spoolDir())
                .start();
        bulk.start();
    }

    public static BulkNode start(JdbcDossierStore store, Path workDir) throws Exception {
        return start(store, workDir, BulkSettings.defaults());
    }

    public static BulkNode start(JdbcDossierStore store, Path workDir, BulkSettings settings) throws Exception {
        return new BulkNode(store, workDir, settings);
    }

    /** A fresh, empty in-memory H2 store. */
    public static JdbcDossierStore emptyStore() {
        return JdbcDossierStore.open("jdbc:h2:mem:bulk-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    }

    /** A CXF client with MTOM on, on the SOAP 1.1 or 1.2 port, as the demo office or as {@code office}. */
    public DossierPortType port(boolean soap12, String office) {
        return port(server.wsdlUrl(), soap12, office);
    }

    public static DossierPortType port(String wsdlUrl, boolean soap12, String office) {
        try {
            DossierService service = new DossierService(new URL(wsdlUrl), DossierServer.SERVICE);
            DossierPortType port = service.getPort(soap12 ? DossierServer.SOAP12_PORT : DossierServer.SOAP11_PORT,
                    DossierPortType.class);
            ((SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
            if (office != null) {
                ((BindingProvider) port).getRequestContext().put(Header.HEADER_LIST, List.of(new Header(
                        new QName("urn:dossierlink:messages:1", "CallingOffice"), office,
                        new JAXBDataBinding(String.class))));
            }
            return port;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a client for " + wsdlUrl, e);
        }
    }

    /** Polls GetPackageReceipt until the package is completed, failed or refused, within {@code timeout}. */
    public static GetPackageReceiptResponse awaitFinished(DossierPortType port, String ticket, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        GetPackageReceipt request = new GetPackageReceipt();
        request.setTicket(ticket);
        while (true) {
            GetPackageReceiptResponse r = port.getPackageReceipt(request);
            if (r.getStatus() == PackageStatusType.COMPLETED || r.getStatus() == PackageStatusType.FAILED
                    || r.getStatus() == PackageStatusType.REFUSED) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                fail("package " + ticket + " still " + r.getStatus() + " after " + timeout + " ("
                        + r.getProgress().getItemsDone() + " items done)");
            }
            Thread.sleep(20); // between polls: the deadline above bounds the wait
        }
    }

    /** Writes an MTOM attachment to a file. */
    public static Path save(DataHandler content, Path file) throws Exception {
        try (InputStream in = content.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    /**
     * Everything a store holds, comparable: per application key, its record, its document list and each
     * document's SHA-256 (from its bytes).
     */
    public static Map<String, Object> snapshot(JdbcDossierStore store) {
        return snapshot(store, new JdbcImportLedger(store).changedKeys(null, Set.of(), null, 1_000_000));
    }

    /** {@link #snapshot(JdbcDossierStore)} of the given applications; one the store lacks is missing from it. */
    public static Map<String, Object> snapshot(JdbcDossierStore store, List<String> keys) {
        Map<String, Object> all = new TreeMap<>();
        for (String key : keys) {
            if (store.findByApplicationKey(key).isEmpty()) {
                continue;
            }
            Dossier d = store.findByApplicationKey(key).orElseThrow();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("record", d);
            List<DocumentInfo> documents = store.documents(key);
            entry.put("documents", documents);
            for (DocumentInfo info : documents) {
                entry.put(info.id(), org.dossierlink.dossier.ContentDigest.sha256(
                        store.document(key, info.id()).orElseThrow().content()));
            }
            all.put(key, entry);
        }
        return all;
    }

    @Override
    public void close() {
        bulk.beginStop();
        server.stop();
        bulk.stop(Duration.ofSeconds(30));
    }
}
