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

    /**
     * The configured store, for a command that answers family lookups for a while (serve): PostgreSQL as
     * store.url says, else the embedded H2 store of the data folder, which keeps its family index in memory.
     */
    static JdbcDossierStore openServingStore(NodeConfig config) {
        return JdbcDossierStore.open(storeConfig(config));
    }

    /**
     * The configured store, for a command that runs once and exits (import, export, family, audit): the
     * embedded store does not build its family index in memory (a command's few lookups read the database).
     */
    static JdbcDossierStore openStore(NodeConfig config) {
        return JdbcDossierStore.openWithoutFamilyIndex(storeConfig(config));
    }

    private static StoreConfig storeConfig(NodeConfig config) {
        if (config.storeUrl() == null) {
            return StoreConfig.h2(config.dataDir());
        }
        return new StoreConfig(config.storeUrl(), config.storeUser(), config.storePassword());
    }
}
