package org.dossierlink.cli;

import java.nio.file.Path;

import org.dossierlink.config.NodeConfig;

import picocli.CommandLine.Option;

/** {@code --config FILE}: the option every command that reads the node configuration shares. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Node configuration (default: conf/dossierlink.properties when present).")
    Path file;

    /** The configuration file named, or the default one, or the defaults. */
    NodeConfig load() {
        return NodeConfig.load(file);
    }
}
