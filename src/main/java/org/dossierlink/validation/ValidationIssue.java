package org.dossierlink.validation;

import java.util.Locale;

/**
 * One finding of a validation run.
 *
 * @param severity error or warning
 * @param line     1-based line of the validator's position, or -1 when unknown
 * @param column   1-based column, or -1 when unknown
 * @param xpath    the element being validated, with positions ({@code /ops:world-patent-data/exchange-documents[1]/...});
 *                 prefixes are the document's own; {@code /} when the issue concerns the document as a whole
 * @param code     the validator's error key ({@code cvc-complex-type.3.2.2}), or null when it gives none (DTD validation)
 * @param message  the validator's message
 * @param rule     for an issue tolerated as known drift, the {@link DriftRule} that accepted it; otherwise null
 */
public record ValidationIssue(Severity severity, int line, int column, String xpath, String code, String message,
                              DriftRule rule) {

    public enum Severity {
        ERROR, WARNING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message (at XPath)}, with the tolerating rule for warnings. */
    public String toTextLine(String source) {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ").append(severity.wireName()).append(": ").append(message);
        if (xpath != null) {
            b.append(" (at ").append(xpath).append(')');
        }
        if (rule != null) {
            b.append(" [tolerated: ").append(rule.wireName()).append(']');
        }
        return b.toString();
    }
}
