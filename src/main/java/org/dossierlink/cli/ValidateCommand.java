package org.dossierlink.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.validation.DossierValidator;
import org.dossierlink.validation.ValidationMode;
import org.dossierlink.validation.ValidationReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink validate FILE...}: every file against the XSD or DTD of its dialect, offline. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate dossier files against the XSD or DTD of their dialect, offline (xsd/catalog.xml;",
                "nothing is fetched). Every error is printed, one line each: FILE:LINE:COL: error: MESSAGE (at XPATH).",
                "Exit 0 when every file is valid, 1 when any has errors, 2 on a usage error."})
public final class ValidateCommand implements Callable<Integer> {

    enum Format { text, xml }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to validate.")
    List<Path> files;

    @Option(names = "--dialect", paramLabel = "D", converter = DialectConverter.class,
            description = "Validate as this dialect instead of detecting it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = DialectNames.class)
    Dialect dialect;

    @Option(names = "--tolerant", description = "Accept the known drift of live OPS data as warnings.")
    boolean tolerant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line per issue and a summary per file) or xml (xsd/validation-report.xsd); "
                    + "default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InvalidRequestException(f + ": no such file", "file");
            }
        }
        DossierValidator validator = new DossierValidator();
        ValidationMode mode = tolerant ? ValidationMode.TOLERANT : ValidationMode.STRICT;
        PrintWriter out = spec.commandLine().getOut();
        List<ValidationReport> reports = new ArrayList<>();
        for (Path f : files) {
            ValidationReport r = validator.validate(f, dialect, mode);
            reports.add(r);
            if (format == Format.text) {
                r.toTextLines().forEach(out::println);
                out.println(r.summary());
                out.flush();
            }
        }
        if (format == Format.xml) {
            ValidationReport.writeXml(reports, out, reports.size() > 1);
            out.flush();
        }
        return reports.stream().allMatch(ValidationReport::valid) ? 0 : 1;
    }

    /** A dialect name on the command line; an unknown one is a usage error (exit 2). */
    static final class DialectConverter implements CommandLine.ITypeConverter<Dialect> {
        @Override
        public Dialect convert(String value) {
            try {
                return Dialect.parse(value, "dialect");
            } catch (InvalidRequestException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DialectNames extends ArrayList<String> {
        DialectNames() {
            for (Dialect d : Dialect.values()) {
                add(d.wireName());
            }
        }
    }
}
