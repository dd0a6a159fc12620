package org.dossierlink.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.dialect.DialectDetector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink detect FILE...}: the dialect of each file, and what it was told by. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Say which dossier dialect each file is in, from its root element, namespace, DOCTYPE",
                "and dtd-version. A file in no supported dialect is an error (exit 1)."})
public final class DetectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to look at.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (Path f : files) {
            DialectDetector.Detection d = DialectDetector.detect(f);
            StringBuilder b = new StringBuilder(f + ": " + d.dialect().wireName() + " (root "
                    + (d.rootNamespace().isEmpty() ? "" : "{" + d.rootNamespace() + "}") + d.rootName());
            if (d.dtdVersion() != null) {
                b.append(", dtd-version ").append(d.dtdVersion());
            }
            if (d.doctypePublicId() != null || d.doctypeSystemId() != null) {
                b.append(", DOCTYPE ").append(d.doctypePublicId() == null ? "" : "\"" + d.doctypePublicId() + "\" ")
                        .append(d.doctypeSystemId() == null ? "" : d.doctypeSystemId());
            }
            out.println(b.append(')'));
        }
        return 0;
    }
}
