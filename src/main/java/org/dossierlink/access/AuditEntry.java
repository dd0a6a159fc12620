package org.dossierlink.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One access to the node, as the audit log records it.
 *
 * <p>Every field but {@code reason} is required. The time is kept to the microsecond (what both
 * databases store, so that an entry reads back equal to what was hashed). Text is made safe to store
 * and to print on one line: control characters (line breaks, tabs, NUL...) and unpaired surrogates
 * become U+FFFD. {@code target} is cut to {@value #TARGET_MAX} characters (it may echo what a caller
 * asked for); any other field longer than its column is refused with an {@link IllegalArgumentException}.
 *
 * @param time      when the request arrived
 * @param requestId the request's id, as in the request log
 * @param caller    the calling office (ST.3 code) or another name for an unauthenticated caller
 * @param operation the operation, e.g. {@code GetDocument}
 * @param target    what was asked for, e.g. {@code JP 2013-123456 doc-3} (may be empty)
 * @param result    {@code allowed}, {@code denied} or a fault code such as {@code NOT_FOUND}
 * @param reason    why, e.g. {@code not-yet-started}; null when there is nothing to add
 */
public record AuditEntry(Instant time, String requestId, String caller, String operation, String target,
                         String result, String reason) {

    public static final int REQUEST_ID_MAX = 128;
    public static final int CALLER_MAX = 64;
    public static final int OPERATION_MAX = 64;
    public static final int TARGET_MAX = 200;
    public static final int RESULT_MAX = 64;
    public static final int REASON_MAX = 200;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("audit time out of range: " + time);
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
        requestId = checked("requestId", requestId, REQUEST_ID_MAX);
        caller = checked("caller", caller, CALLER_MAX);
        operation = checked("operation", operation, OPERATION_MAX);
        target = truncated(safeText(Objects.requireNonNull(target, "target")), TARGET_MAX);
        result = checked("result", result, RESULT_MAX);
        reason = reason == null ? null : checked("reason", reason, REASON_MAX);
    }

    private static String checked(String field, String value, int max) {
        String safe = safeText(Objects.requireNonNull(value, field));
        if (safe.length() > max) {
            throw new IllegalArgumentException("audit " + field + " longer than " + max + " characters: "
                    + truncated(safe, 40) + "...");
        }
        return safe;
    }

    /** The text with control characters and unpaired surrogates replaced by U+FFFD. */
    static String safeText(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = !Character.isLowSurrogate(c) && !Character.isISOControl(c);
            }
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    /** At most {@code max} characters, never ending in half a surrogate pair. */
    private static String truncated(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
