package org.dossierlink.dialect;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

import org.dossierlink.InvalidRequestException;

/**
 * A document that cannot be read in the dialect it claims: says which file, where, and why,
 * in one line ({@code file:line:column: reason}).
 */
public class DialectException extends InvalidRequestException {

    private final String source;
    private final int line;
    private final int column;

    public DialectException(String source, int line, int column, String reason) {
        super(format(source, line, column, reason), "document");
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public static DialectException fromStax(String source, XMLStreamException e) {
        Location l = e.getLocation();
        String msg = e.getMessage();
        // StAX prefixes its messages with the location; keep only the reason.
        if (msg != null && msg.startsWith("ParseError at")) {
            int i = msg.indexOf("Message:");
            msg = i >= 0 ? msg.substring(i + 8).trim() : msg;
        }
        if (msg != null) {
            int nl = msg.indexOf('\n');
            if (nl > 0 && msg.startsWith("Unexpected") || nl > 0 && msg.contains(" at [row,col")) {
                msg = msg.substring(0, nl).trim();
            }
        }
        return new DialectException(source, l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber(),
                "not well-formed XML: " + msg);
    }

    private static String format(String source, int line, int column, String reason) {
        StringBuilder b = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.append(": ").append(reason).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
