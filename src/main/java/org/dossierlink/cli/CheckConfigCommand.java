package org.dossierlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.dossierlink.access.Offices;
import org.dossierlink.linkage.Peer;
import org.dossierlink.linkage.Peers;
import org.dossierlink.config.ConfigException;
import org.dossierlink.config.NodeConfig;
import org.dossierlink.server.TlsKeystore;
import org.dossierlink.signature.SignatureKeyException;
import org.dossierlink.signature.SigningKey;
import org.dossierlink.signature.SigningKeystore;
import org.dossierlink.signature.TrustedCertificates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dossierlink check-config}: everything {@code serve} would load, checked without serving:
 * every key of the configuration, the signing keystore and its password, the HTTPS keystore and its password
 * (not with {@code --demo}, which serves plain HTTP), the trusted certificates, the offices and agreements
 * file, the store and the port. Prints every problem with where it comes from, the key and the reason
 * (the messages {@code serve} stops with), and exits 1 when there is one.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Check the configuration as serve would load it: keys and values, signing keystore and",
                "password, HTTPS keystore and password, trusted certificates, offices and agreements, store connection,",
                "listening port. Every problem is printed; exit 1 when there is one."})
public final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Option(names = "--demo", description = "Check as serve --demo would start: plain HTTP, so no HTTPS keystore is needed.")
    boolean demo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        NodeConfig loaded = null;
        try {
            loaded = node.config(null);
            out.println("ok  configuration: " + (node.config.file == null ? NodeConfig.DEFAULT_CONFIG_FILE + " (or defaults)"
                    : node.config.file));
        } catch (ConfigException e) {
            e.getMessage().lines().forEach(problems::add);
        }
        if (loaded != null) {
            NodeConfig c = loaded;
            check(problems, out, () -> signingKey(c));
            check(problems, out, () -> https(c, demo));
            check(problems, out, () -> trust(c));
            check(problems, out, () -> offices(c));
            check(problems, out, () -> peers(c));
            check(problems, out, () -> store(c));
            check(problems, out, () -> port(c));
            check(problems, out, () -> bulk(c));
        }
        for (String p : problems) {
            err.println("check-config: " + p);
        }
        out.println(problems.isEmpty() ? "configuration ok" : problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        out.flush();
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private interface Check {
        String run();
    }

    private static void check(List<String> problems, PrintWriter out, Check check) {
        try {
            out.println("ok  " + check.run());
        } catch (ConfigException | SignatureKeyException e) {
            e.getMessage().lines().forEach(problems::add);
        }
    }

    private static String signingKey(NodeConfig node) {
        SigningKey key = SigningKeystore.open(node.signature(), false, System::getenv, line -> { })
                .current(Instant.now());
        return "signing key: '" + key.alias() + "' " + key.algorithm().configName() + ", valid until " + key.notAfter()
                + " (" + node.signature().keystore() + ")";
    }

    private static String https(NodeConfig node, boolean demo) {
        if (demo) {
            return "https: not used with --demo (plain HTTP, no authentication)";
        }
        TlsKeystore.open(node.tls(), System::getenv);
        return "https: key in " + node.tls().keystore();
    }

    private static String trust(NodeConfig node) {
        Path dir = node.signature().trustDir();
        if (!Files.exists(dir)) {
            return "trusted certificates: " + dir + " does not exist (needed only to verify what others sign)";
        }
        try {
            return "trusted certificates: " + TrustedCertificates.load(dir).certificates().size() + " in " + dir;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("signature.trust: " + e.getMessage());
        }
    }

    private static String offices(NodeConfig node) {
        Offices o = Offices.load(node.officesFile());
        long pending = o.agreements().stream().filter(a -> !a.confirmed()).count();
        return "offices: " + o.offices().size() + " offices, " + o.agreements().size() + " agreements"
                + (pending == 0 ? "" : " (" + pending + " to be confirmed)") + ", " + o.users().size() + " users, "
                + o.certificates().size() + " client certificates (" + node.officesFile() + ")";
    }

    private static String peers(NodeConfig node) {
        if (node.peersFile() == null) {
            return "peers: none (linkage.peers is not set); node name '" + node.nodeName() + "'";
        }
        Peers peers = Peers.load(node.peersFile(), node.nodeName());
        return "peers: " + peers.all().size() + " peers (" + String.join(", ", peers.all().stream().map(Peer::name)
                .toList()) + "), max " + peers.maxHops() + " hops, node name '" + node.nodeName() + "' ("
                + node.peersFile() + ")";
    }

    private static String store(NodeConfig node) {
        if (node.storeUrl() == null) {
            return "store: embedded H2 in " + writableFolder(node.dataDir(), "--data");
        }
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(node.storeUrl(), node.storeUser(), node.storePassword())) {
            return "store: " + node.storeUrl() + " answers (" + c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion() + ")";
        } catch (SQLException e) {
            throw new ConfigException("store.url: cannot connect to " + node.storeUrl() + ": " + e.getMessage());
        }
    }

    private static String bulk(NodeConfig node) {
        return "bulk transfer: work folder " + writableFolder(node.bulkWorkDir(), "bulk.work-dir") + ", packages up to "
                + node.bulk().maxPackageBytes() + " bytes, " + node.bulk().concurrentImports() + " at a time, "
                + node.bulk().queueLimit() + " waiting";
    }

    /** The folder, absolute, when it exists writable or can be created; else a problem naming {@code what}. */
    private static Path writableFolder(Path folder, String what) {
        Path dir = folder.toAbsolutePath();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ConfigException(what + ": " + dir + " cannot be created or written");
        }
        return dir;
    }

    private static String port(NodeConfig node) {
        try (ServerSocket socket = new ServerSocket(node.port(), 1, InetAddress.getByName(node.host()))) {
            return "listen: " + node.host() + ":" + node.port() + " is free";
        } catch (IOException e) {
            throw new ConfigException("server.port: cannot listen on " + node.host() + ":" + node.port() + " ("
                    + e.getMessage() + "); stop what holds it, or choose another port");
        }
    }
}
