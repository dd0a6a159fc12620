package org.dossierlink.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * One package submitted over SOAP, as the node keeps it beside the spooled package file.
 *
 * @param ticket      the handle SubmitPackage gave; also the import run's ticket
 * @param submitter   the office that submitted it (the demo office may submit any office's dossiers)
 * @param unrestricted true when the submitter is the demo node's default caller, which no office rule restricts
 * @param packageName the name the sender gave, or null
 * @param receivedAt  when the upload finished
 * @param size        bytes received
 * @param sha256      SHA-256 of the bytes received, hex
 * @param state       where the submission stands before and besides its import run
 * @param reason      why it failed or was refused, or null
 * @param runTicket   the import run's ticket: this ticket, unless the import resumed an unfinished run of the
 *                    same package submitted earlier, whose ticket it then continued under
 */
public record Submission(String ticket, String submitter, boolean unrestricted, String packageName, Instant receivedAt,
                         long size, String sha256, State state, String reason, String runTicket) {

    /** What the node knows of a submission apart from its import run (which the run registry holds). */
    public enum State {
        /** Waiting for an import slot (or, after a restart, to be resumed). */
        QUEUED,
        /** Its import started: the run registry says how far it got. */
        STARTED,
        /** The import stopped on an error of the node or of the package as a whole; final. */
        FAILED,
        /** The package was refused whole before anything was stored (not a package, manifest not verified); final. */
        REFUSED
    }

    public Submission {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(state, "state");
        if (runTicket == null) {
            runTicket = ticket;
        }
    }

    public Submission with(State newState, String newReason) {
        return new Submission(ticket, submitter, unrestricted, packageName, receivedAt, size, sha256, newState, newReason,
                runTicket);
    }

    public Submission withRunTicket(String run) {
        return new Submission(ticket, submitter, unrestricted, packageName, receivedAt, size, sha256, state, reason, run);
    }
}
