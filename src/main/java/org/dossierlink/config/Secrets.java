package org.dossierlink.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a secret the way every secret of a node is given: from an environment variable, else from a file
 * readable by the node's user only. Never from the configuration file itself.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The value of {@code variable} in {@code env} when set and not empty, else the stripped content of
     * {@code file} when it exists, else null.
     *
     * @param what names the secret in messages, e.g. "keystore password"
     * @throws ConfigException when the file exists but is empty or unreadable
     */
    public static char[] read(String variable, Path file, Function<String, String> env, String what) {
        String fromEnv = env.apply(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file).strip();
            if (text.isEmpty()) {
                throw new ConfigException(file + ": the " + what + " file is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the " + what + " (" + e.getMessage() + ")");
        }
    }
}
