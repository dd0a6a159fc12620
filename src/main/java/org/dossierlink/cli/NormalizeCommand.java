package org.dossierlink.cli;

import java.util.concurrent.Callable;

import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink normalize OFFICE NUMBER}: a number in DOCDB, ST.13 and original form. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Show a number in its DOCDB (CC.number.kind), ST.13 and original forms.")
public final class NormalizeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OFFICE", description = "ST.3 office code: JP, US, EP, WO, CN, KR, AU, CA, GB...")
    String office;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "The number as the office writes it, e.g. \"JP 2013-123456\".")
    String number;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "application",
            description = "application, publication or priority (default: ${DEFAULT-VALUE}).")
    String type;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NormalizedNumber n = new NumberNormalizer().normalize(office, number, NumberType.parse(type, NumberType.APPLICATION));
        var out = spec.commandLine().getOut();
        out.println("docdb     " + n.docdb());
        out.println("st13      " + (n.st13() == null ? "-" : n.st13()));
        out.println("original  " + n.original());
        out.println("type      " + n.type().wireName());
        return 0;
    }
}
