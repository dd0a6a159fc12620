package org.dossierlink.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.config.NodeConfig;
import org.dossierlink.dialect.DialectConverter;
import org.dossierlink.dialect.DossierImporter;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.store.JdbcDossierStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossierlink import FILE...}: loads dossier files into the store, idempotently. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load dossier files into the store, in any supported dialect: canonical (dos:dossier,",
                "dos:dossiers), st36, st96, ep-publication, ep-toc, docdb, ep-register, uspto, jpo, cnipa-old,",
                "cnipa-new. The dialect is detected from each file (see 'dossierlink detect').",
                "Importing the same file twice changes nothing. A file with an error stores nothing."})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NodeConfig config = node.config(null);
        try (JdbcDossierStore store = NodeOptions.openStore(config)) {
            NumberNormalizer normalizer = new NumberNormalizer();
            DossierImporter importer = new DossierImporter(store, normalizer, new DialectConverter(normalizer));
            try (Progress progress = Progress.of("import", "files", files.size(), spec.commandLine().getErr())) {
                for (Path f : files) {
                    DossierImporter.Result r = importer.importFile(f);
                    spec.commandLine().getOut().printf("%s: %s, %d application(s): %d new, %d updated, %d unchanged%n",
                            f, r.dialect().wireName(), r.total(), r.inserted(), r.updated(), r.unchanged());
                    progress.advance(1);
                }
                progress.finish();
            }
        }
        return 0;
    }
}
