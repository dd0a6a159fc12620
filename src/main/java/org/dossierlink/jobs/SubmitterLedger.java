package org.dossierlink.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.dossierlink.bulk.ImportLedger;
import org.dossierlink.bulk.ImportRun;
import org.dossierlink.bulk.ItemOutcome;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.RunStatus;
import org.dossierlink.bulk.StagedRecord;

/**
 * The ledger of one submitted package's import, holding each item to its submitter: an office submits
 * only the dossiers it holds (the office of the application number), so an item with an application of
 * another office is rejected, with that reason, instead of stored; the rest of the package goes on. The
 * demo node's default caller may submit any office's dossiers. Everything else is the wrapped ledger's.
 */
public final class SubmitterLedger implements ImportLedger {

    private final ImportLedger ledger;
    private final String submitter;

    /**
     * @param submitter the submitting office, or null for a submitter no office rule restricts
     */
    public SubmitterLedger(ImportLedger ledger, String submitter) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.submitter = submitter;
    }

    @Override
    public ItemOutcome commit(String ticket, long seq, String path, List<StagedRecord> records) {
        String foreign = foreign(records);
        return foreign != null ? ledger.reject(ticket, seq, path, applications(records), foreign)
                : ledger.commit(ticket, seq, path, records);
    }

    @Override
    public Items items(String ticket) {
        Items items = ledger.items(ticket);
        return new Items() {
            @Override
            public ItemOutcome commit(long seq, String path, List<StagedRecord> records) {
                String foreign = foreign(records);
                return foreign != null ? items.reject(seq, path, applications(records), foreign)
                        : items.commit(seq, path, records);
            }

            @Override
            public ItemOutcome commit(long seq, String path, List<StagedRecord> records, Object prepared) {
                String foreign = foreign(records);
                return foreign != null ? items.reject(seq, path, applications(records), foreign)
                        : items.commit(seq, path, records, prepared);
            }

            @Override
            public ItemOutcome reject(long seq, String path, String application, String reason) {
                return items.reject(seq, path, application, reason);
            }

            @Override
            public void close() {
                items.close();
            }
        };
    }

    /** Why the submitter may not store these records (the offices that hold them), or null when it may. */
    private String foreign(List<StagedRecord> records) {
        if (submitter == null) {
            return null;
        }
        TreeSet<String> foreign = new TreeSet<>();
        for (StagedRecord r : records) {
            if (!submitter.equals(r.dossier().application().office())) {
                foreign.add(r.dossier().application().office());
            }
        }
        return foreign.isEmpty() ? null : "held by " + String.join(", ", foreign) + ", not by " + submitter
                + ", which submitted the package: an office submits only the dossiers it holds";
    }

    private static String applications(List<StagedRecord> records) {
        return String.join(" ", records.stream().map(r -> r.dossier().application().key()).toList());
    }

    @Override
    public Object prepare(List<StagedRecord> records) {
        return ledger.prepare(records);
    }

    @Override
    public ItemOutcome reject(String ticket, long seq, String path, String application, String reason) {
        return ledger.reject(ticket, seq, path, application, reason);
    }

    @Override
    public ImportRun begin(String ticket, PackageIdentity identity, String sendingOffice, Long itemCount,
                           Instant receivedAt) {
        return ledger.begin(ticket, identity, sendingOffice, itemCount, receivedAt);
    }

    @Override
    public ImportRun resume(String ticket) {
        return ledger.resume(ticket);
    }

    @Override
    public ImportRun finish(String ticket, RunStatus status, Long itemCount, String reason) {
        return ledger.finish(ticket, status, itemCount, reason);
    }

    @Override
    public Optional<ImportRun> byTicket(String ticket) {
        return ledger.byTicket(ticket);
    }

    @Override
    public Optional<ImportRun> latestByPackage(String packageSha256) {
        return ledger.latestByPackage(packageSha256);
    }

    @Override
    public List<ImportRun> unfinished() {
        return ledger.unfinished();
    }

    @Override
    public int outcomes(String ticket, long afterSeq, int limit, Consumer<ItemOutcome> sink) {
        return ledger.outcomes(ticket, afterSeq, limit, sink);
    }
}
