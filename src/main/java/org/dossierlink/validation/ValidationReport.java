package org.dossierlink.validation;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.xml.SecureXml;

/**
 * The outcome of validating one document: what it was validated against, in which mode, and every
 * issue found. {@link #valid()} is true when no issue is an error. When no schema exists for the
 * document's dialect, {@link #schemaKind()} is {@link SchemaKind#NONE}: only well-formedness was
 * checked, and a warning says so.
 *
 * @param source         the file or name the document came from
 * @param dialect        the dialect validated as (detected or given), or null when none could be told
 * @param schemaKind     XSD, DTD or NONE
 * @param schema         the schema or DTD used, as {@code xsd/ops/ops.xsd}, or null
 * @param schemaChosenBy how the DTD was chosen: {@code doctype} (the document's own) or {@code dialect}
 *                       (dialect and dtd-version, for a document without DOCTYPE); {@code dialect} for XSDs
 * @param mode           strict or tolerant
 * @param issues         every error and warning, in document order
 * @param truncated      true when more than {@value ElementTracker#MAX_ISSUES} issues were found and the rest dropped
 */
public record ValidationReport(String source, Dialect dialect, SchemaKind schemaKind, String schema,
                               String schemaChosenBy, ValidationMode mode, List<ValidationIssue> issues,
                               boolean truncated) {

    public static final String NS = "urn:dossierlink:validation:1";

    public enum SchemaKind {
        XSD, DTD, NONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ValidationReport {
        issues = List.copyOf(issues);
    }

    public boolean valid() {
        return issues.stream().noneMatch(ValidationIssue::isError);
    }

    public long errorCount() {
        return issues.stream().filter(ValidationIssue::isError).count();
    }

    public long warningCount() {
        return issues.size() - errorCount();
    }

    /** The errors only. */
    public List<ValidationIssue> errors() {
        return issues.stream().filter(ValidationIssue::isError).toList();
    }

    /** One line per issue: {@code file:line:col: error: message (at XPath)}. */
    public List<String> toTextLines() {
        List<String> lines = new ArrayList<>(issues.size() + 1);
        for (ValidationIssue i : issues) {
            lines.add(i.toTextLine(source));
        }
        if (truncated) {
            lines.add(source + ": error: more than " + ElementTracker.MAX_ISSUES + " issues; the rest were not collected");
        }
        return lines;
    }

    /** A one-line summary: {@code file: valid (docdb, xsd/ops/ops.xsd, strict): 0 errors, 2 warnings}. */
    public String summary() {
        return source + ": " + (valid() ? "valid" : "INVALID") + " (" + (dialect == null ? "unknown dialect" : dialect.wireName())
                + ", " + (schema == null ? "no schema: well-formedness only" : schema) + ", " + mode.wireName() + "): "
                + errorCount() + " error(s), " + warningCount() + " warning(s)";
    }

    /** This report as a {@code val:validation-report} document (xsd/validation-report.xsd). */
    public String toXml() {
        StringWriter w = new StringWriter();
        writeXml(List.of(this), w, false);
        return w.toString();
    }

    /**
     * Writes reports as XML: one {@code val:validation-report}, or several in a {@code val:validation-reports}
     * when {@code wrap} is true.
     */
    public static void writeXml(List<ValidationReport> reports, Writer out, boolean wrap) {
        try {
            XMLStreamWriter x = SecureXml.outputFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            if (wrap) {
                x.writeStartElement("val", "validation-reports", NS);
                x.writeNamespace("val", NS);
                x.writeAttribute("valid", Boolean.toString(reports.stream().allMatch(ValidationReport::valid)));
                x.writeCharacters("\n");
            }
            for (ValidationReport r : reports) {
                r.write(x, !wrap);
            }
            if (wrap) {
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the validation report: " + e.getMessage(), e);
        }
    }

    private void write(XMLStreamWriter x, boolean declareNs) throws XMLStreamException {
        x.writeStartElement("val", "validation-report", NS);
        if (declareNs) {
            x.writeNamespace("val", NS);
        }
        x.writeAttribute("valid", Boolean.toString(valid()));
        x.writeAttribute("mode", mode.wireName());
        x.writeAttribute("checked", schemaKind == SchemaKind.NONE ? "well-formedness" : "schema");
        x.writeAttribute("errors", Long.toString(errorCount()));
        x.writeAttribute("warnings", Long.toString(warningCount()));
        if (truncated) {
            x.writeAttribute("truncated", "true");
        }
        x.writeCharacters("\n  ");
        text(x, "document", source);
        if (dialect != null) {
            x.writeCharacters("\n  ");
            text(x, "dialect", dialect.wireName());
        }
        x.writeCharacters("\n  ");
        x.writeStartElement("val", "schema", NS);
        x.writeAttribute("kind", schemaKind.wireName());
        if (schemaChosenBy != null) {
            x.writeAttribute("chosen-by", schemaChosenBy);
        }
        if (schema != null) {
            x.writeCharacters(schema);
        }
        x.writeEndElement();
        for (ValidationIssue i : issues) {
            x.writeCharacters("\n  ");
            x.writeStartElement("val", "issue", NS);
            x.writeAttribute("severity", i.severity().wireName());
            if (i.line() > 0) {
                x.writeAttribute("line", Integer.toString(i.line()));
            }
            if (i.column() > 0) {
                x.writeAttribute("column", Integer.toString(i.column()));
            }
            if (i.code() != null) {
                x.writeAttribute("code", i.code());
            }
            if (i.rule() != null) {
                x.writeAttribute("rule", i.rule().wireName());
            }
            x.writeCharacters("\n    ");
            text(x, "xpath", i.xpath() == null ? "/" : i.xpath());
            x.writeCharacters("\n    ");
            text(x, "message", i.message());
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement("val", name, NS);
        x.writeCharacters(value == null ? "" : value);
        x.writeEndElement();
    }
}
