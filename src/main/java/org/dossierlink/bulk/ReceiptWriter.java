package org.dossierlink.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.dossierlink.NotFoundException;
import org.dossierlink.signature.PayloadSigner;

/**
 * Writes a run's signed receipt ({@code pkg:receipt}, {@code xsd/package.xsd}) as a stream, in bounded
 * memory whatever the number of items: the outcomes are read from the run registry a page at a time and
 * written in exclusive canonical form while their digest is computed; then the enveloped signature
 * (Reference URI="", enveloped-signature + exclusive c14n, made by {@link PayloadSigner#signDigest}) is
 * appended as the root's last child. Any XML-DSig verifier (signature.SignatureVerifier, xmlsec1) checks it.
 * A receipt can be written at any time: for an unfinished run it says so in pkg:status and lists the
 * items done so far. Thread-safe.
 */
public final class ReceiptWriter {

    /** Outcomes read per query. */
    static final int PAGE = 2000;

    private final ImportRuns runs;
    private final PayloadSigner signer;

    public ReceiptWriter(ImportRuns runs, PayloadSigner signer) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Writes the receipt of the run {@code ticket} to {@code out} (not closed).
     *
     * @throws NotFoundException when there is no such run
     */
    public void write(String ticket, OutputStream out) throws IOException {
        ImportRun run = runs.byTicket(ticket).orElseThrow(
                () -> new NotFoundException("no import run with ticket " + ticket, "ticket"));
        String p = PackageFormat.PREFIX;
        CanonicalXmlWriter w = new CanonicalXmlWriter(out, p, PackageFormat.NS);
        w.start("receipt").text("\n");
        w.element("ticket", run.ticket());
        w.element("packageId", run.identity().packageId());
        w.element("packageSha256", run.identity().sha256());
        w.element("sendingOffice", run.sendingOffice());
        w.element("status", run.status().wireName());
        w.element("reason", run.reason());
        w.element("received", time(run.receivedAt()));
        w.element("completed", run.completedAt() == null ? null : time(run.completedAt()));
        ImportTotals t = run.totals();
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("items", Long.toString(t.items()));
        totals.put("stored", Long.toString(t.stored()));
        totals.put("unchanged", Long.toString(t.unchanged()));
        totals.put("replaced", Long.toString(t.replaced()));
        totals.put("rejected", Long.toString(t.rejected()));
        w.text("\n").empty("totals", totals).text("\n");
        w.start("items").text("\n");
        long after = 0;
        long[] last = {0};
        int n;
        do {
            n = runs.outcomes(ticket, after, PAGE, o -> {
                Map<String, String> a = new LinkedHashMap<>();
                a.put("seq", Long.toString(o.seq()));
                a.put("path", o.path());
                a.put("status", o.status().wireName());
                a.put("application", o.application());
                a.put("reason", o.reason());
                try {
                    w.empty("item", a).text("\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                last[0] = o.seq();
            });
            after = last[0];
        } while (n == PAGE);
        w.end("items").text("\n");
        String close = "</" + p + ":receipt>";
        byte[] digest = w.digestWith(close);
        w.raw(signer.signDigest("", digest, true));
        w.raw(close);
        out.flush();
    }

    private static String time(Instant i) {
        return i.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
