package org.dossierlink.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dossierlink.config.ConfigException;

/**
 * The peer nodes this node is linked to ({@code conf/peers.xml}, key {@code linkage.peers}) and this
 * node's own name. Immutable.
 */
public final class Peers {

    /** The hop limit when the file sets none. */
    public static final int DEFAULT_MAX_HOPS = 3;

    private final String self;
    private final List<Peer> peers;
    private final int maxHops;

    public Peers(String self, List<Peer> peers, int maxHops) {
        this.self = Objects.requireNonNull(self, "self");
        this.peers = List.copyOf(peers);
        if (maxHops < 1) {
            throw new IllegalArgumentException("maxHops must be at least 1");
        }
        this.maxHops = maxHops;
    }

    /** A node linked to no peer. */
    public static Peers none(String self) {
        return new Peers(self, List.of(), DEFAULT_MAX_HOPS);
    }

    /**
     * Reads and checks a peers file; certificate paths are relative to the file's folder.
     *
     * @param self this node's name (a peer may not have it)
     * @throws ConfigException every problem, one per line, {@code FILE:LINE:COL: reason}
     */
    public static Peers load(Path file, String self) {
        try (InputStream in = Files.newInputStream(file)) {
            return PeersFileReader.read(in, file.toString(), file.toAbsolutePath().getParent(), self);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": peers file not found (linkage.peers)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the peers file: " + e.getMessage());
        }
    }

    public String self() {
        return self;
    }

    public List<Peer> all() {
        return peers;
    }

    public boolean isEmpty() {
        return peers.isEmpty();
    }

    public int maxHops() {
        return maxHops;
    }

    public Optional<Peer> named(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The peer that holds the dossiers of {@code office}, if one does. */
    public Optional<Peer> holderOf(String office) {
        return peers.stream().filter(p -> p.serves(office)).findFirst();
    }
}
