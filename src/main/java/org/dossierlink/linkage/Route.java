package org.dossierlink.linkage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a request stands on its way through linked nodes, and so which peers it may still be sent to.
 * A request from an office starts at hop 0 with nothing visited. A node that forwards it adds itself and
 * every peer it is about to ask to the visited list, so that in a mesh (A-B-C-A) each node is asked once
 * and nobody forwards to a node already asked; and past the hop limit nobody forwards at all.
 *
 * @param hops    how many times the request has been forwarded so far
 * @param visited the nodes that have seen it or are being asked it
 */
public record Route(int hops, List<String> visited) {

    public Route {
        visited = List.copyOf(visited);
    }

    /** A request straight from an office. */
    public static final Route ORIGIN = new Route(0, List.of());

    /** Where a request stands as it arrives: from an office, or forwarded with this assertion. */
    public static Route arriving(LinkageAssertion incoming) {
        return incoming == null ? ORIGIN : new Route(incoming.hops(), incoming.visited());
    }

    /** The peers a family lookup may ask: none past the hop limit, never a visited node nor this one. */
    public List<Peer> familyTargets(Peers peers) {
        if (hops >= peers.maxHops()) {
            return List.of();
        }
        return peers.all().stream().filter(p -> !visited.contains(p.name()) && !p.name().equals(peers.self())).toList();
    }

    /** The peer to forward a retrieval for a dossier of {@code office} to, unless visited or past the hop limit. */
    public Optional<Peer> holder(Peers peers, String office) {
        if (hops >= peers.maxHops()) {
            return Optional.empty();
        }
        return peers.holderOf(office).filter(p -> !visited.contains(p.name()));
    }

    /** The route to send on to {@code targets}: one hop more, with this node and every target visited. */
    public Route forwardedTo(String self, List<Peer> targets) {
        Set<String> v = new LinkedHashSet<>(visited);
        v.add(self);
        targets.forEach(t -> v.add(t.name()));
        return new Route(hops + 1, new ArrayList<>(v));
    }
}
