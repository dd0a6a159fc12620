package org.dossierlink.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.dossierlink.config.NodeConfig;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink family OFFICE NUMBER}: the family of an application from the store. */
@Command(name = "family", mixinStandardHelpOptions = true,
        description = {"List the family of an application, publication or priority number from the store.",
                "Simple family (same priorities) unless --extended (transitively sharing a priority)."})
public final class FamilyCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Parameters(index = "0", paramLabel = "OFFICE", description = "ST.3 office code, e.g. EP.")
    String office;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "The number in any usual form, e.g. \"EP 10167109.7\".")
    String number;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "application",
            description = "What NUMBER is: application, publication or priority (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--extended", description = "Extended (INPADOC-like) family instead of the simple one.")
    boolean extended;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NormalizedNumber query = new NumberNormalizer().normalize(office, number, NumberType.parse(type, NumberType.APPLICATION));
        NodeConfig config = node.config(null);
        try (JdbcDossierStore store = NodeOptions.openStore(config)) {
            Family family = new FamilyLookup(store).lookup(query, extended ? FamilyType.EXTENDED : FamilyType.SIMPLE);
            print(spec.commandLine().getOut(), query, family);
        }
        return 0;
    }

    private static void print(PrintWriter out, NormalizedNumber query, Family family) {
        out.printf("%s family of %s: %d member(s)%n", family.type().wireName(), query.docdb(), family.members().size());
        for (FamilyMember m : family.members()) {
            Dossier d = m.dossier();
            String pubs = d.publications().stream().map(Publication::docdb).collect(Collectors.joining(" "));
            out.printf("%s %-22s filed %-10s  publications: %s%n", m.queried() ? "*" : " ", d.application().docdb(),
                    d.application().filingDate() == null ? "-" : d.application().filingDate(), pubs.isEmpty() ? "-" : pubs);
            out.printf("  %-22s linked by: %s%n", "", String.join(" ", m.linkedBy()));
        }
    }
}
