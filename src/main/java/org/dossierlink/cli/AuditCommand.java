package org.dossierlink.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.dossierlink.access.AuditEntry;
import org.dossierlink.access.AuditRecord;
import org.dossierlink.access.ChainCheck;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.store.JdbcAuditLog;
import org.dossierlink.store.JdbcDossierStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink audit}: the audit log from the store, then a check of its whole hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"List the audit log (every access to the node), one entry per line, tab-separated:",
                "seq, time, caller, operation, target, result, reason (- when none), request id.",
                "Then check the whole hash chain: 'audit chain intact: N entries', or",
                "'audit chain BROKEN at entry SEQ: reason' and exit status " + AuditCommand.BROKEN + "."})
public final class AuditCommand implements Callable<Integer> {

    /** Exit status when the chain does not hold. */
    static final int BROKEN = 4;

    @Mixin
    NodeOptions node;

    @Option(names = "--office", paramLabel = "OFFICE", description = "Only this caller's entries, e.g. EP.")
    String office;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "Only entries recorded at or after this date (2026-11-01, UTC midnight) or instant (2026-11-01T10:00:00Z).")
    Instant since;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NodeConfig config = node.config(null);
        PrintWriter out = spec.commandLine().getOut();
        try (JdbcDossierStore store = NodeOptions.openStore(config);
             JdbcAuditLog audit = new JdbcAuditLog(store)) {
            try (Stream<AuditRecord> entries = audit.entries(office, since)) {
                entries.forEach(r -> out.println(line(r)));
            }
            out.flush();
            ChainCheck check = audit.verify();
            if (check.intact()) {
                out.println("audit chain intact: " + check.checked() + " entries");
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("audit chain BROKEN at entry " + check.firstBrokenSeq() + ": " + check.problem());
            err.flush();
            return BROKEN;
        }
    }

    static String line(AuditRecord r) {
        AuditEntry e = r.entry();
        return r.seq() + "\t" + e.time() + "\t" + e.caller() + "\t" + e.operation() + "\t" + e.target() + "\t"
                + e.result() + "\t" + (e.reason() == null ? "-" : e.reason()) + "\t" + e.requestId();
    }

    /** 2026-11-01 (midnight UTC), 2026-11-01T10:00:00Z or 2026-11-01T11:00:00+01:00. */
    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a date (2026-11-01) or an instant (2026-11-01T10:00:00Z)");
            }
        }
    }
}
