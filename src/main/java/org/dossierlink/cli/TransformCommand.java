package org.dossierlink.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dossierlink.InvalidRequestException;
import org.dossierlink.dialect.Dialect;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DialectDetector;
import org.dossierlink.number.NumberNormalizer;

import net.sf.saxon.s9api.XdmNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink transform FILE --to DIALECT [-o OUT]}: converts a dossier between dialects. */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = {"Convert a dossier file to another dialect, through the canonical dossier.",
                "The input dialect is detected (or given with --from). What the target cannot hold is",
                "listed on standard error, one 'note:' line each, so nothing is dropped silently."})
public final class TransformCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The dossier file to convert.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "DIALECT",
            description = "Target dialect: canonical, st36, st96, ep-publication, ep-toc, docdb, ep-register, uspto, "
                    + "jpo, cnipa-old, cnipa-new.")
    String to;

    @Option(names = "--from", paramLabel = "DIALECT", description = "Input dialect (default: detected).")
    String from;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: standard output).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Dialect target = Dialect.parse(to, "--to");
        Dialect source = from != null ? Dialect.parse(from, "--from") : DialectDetector.detect(file).dialect();
        DialectConverter converter = new DialectConverter(new NumberNormalizer());
        XdmNode doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = converter.parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException(file + ": no such file", "file");
        }
        PrintWriter err = spec.commandLine().getErr();
        converter.droppedOnTheWayIn(source, doc).forEach(l ->
                err.println("note: " + source.wireName() + " to canonical does not carry " + l.path() + ": " + l.reason()));
        byte[] canonical = converter.toCanonical(source, doc, file.toString());
        byte[] result = canonical;
        if (target != Dialect.CANONICAL) {
            XdmNode c = converter.parse(canonical, file + " (canonical)");
            converter.droppedOnTheWayOut(target, c).forEach(l ->
                    err.println("note: " + target.wireName() + " cannot hold " + l.path() + ": " + l.reason()));
            result = source == target ? converter.convert(doc, source, target, file.toString())
                    : converter.fromCanonical(target, c, file.toString());
        }
        err.flush();
        if (output == null) {
            OutputStream out = System.out;
            out.write(result);
            out.flush();
        } else {
            Files.write(output, result);
            spec.commandLine().getOut().printf("%s: %s to %s, %d bytes written to %s%n", file, source.wireName(),
                    target.wireName(), result.length, output);
        }
        return 0;
    }
}
