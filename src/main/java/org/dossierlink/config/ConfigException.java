package org.dossierlink.config;

/** A configuration the node cannot start with; the message names the file, the key and the reason. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
