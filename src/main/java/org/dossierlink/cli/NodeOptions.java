package org.dossierlink.cli;

import java.nio.file.Path;

import org.dossierlink.config.NodeConfig;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that touches the store shares with {@code serve}. */
public final class NodeOptions {

    @Mixin
    ConfigOption config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of the embedded H2 store (default: ./data). Ignored when store.url names PostgreSQL.")
    Path dataDir;

    /** The configuration with --data applied; {@code port} overrides server.port when not null. */
    NodeConfig config(Integer port) {
        return config.load().with(port, dataDir);
    }

    /** The configured store: PostgreSQL as store.url says, else the embedded H2 store of the data folder. */
    static JdbcDossierStore openStore(NodeConfig config) {
        if (config.storeUrl() == null) {
            return JdbcDossierStore.open(StoreConfig.h2(config.dataDir()));
        }
        return JdbcDossierStore.open(config.storeUrl(), config.storeUser(), config.storePassword());
    }
}
