package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

/** Loop prevention: hop count and visited nodes, on meshes and chains simulated in memory. */
class RouteTest {

    private static Peer peer(String name, String... offices) {
        return new Peer(name, URI.create("http://127.0.0.1:1/" + name), TestKeys.ec().certificate(), Set.of(offices),
                Duration.ofSeconds(1));
    }

    /** Every node's peers, by name. */
    private static Map<String, Peers> network(int maxHops, String... links) {
        Map<String, List<Peer>> peers = new HashMap<>();
        for (String link : links) {
            String[] ends = link.split("-");
            peers.computeIfAbsent(ends[0], k -> new ArrayList<>()).add(peer(ends[1], ends[1].toUpperCase()));
            peers.computeIfAbsent(ends[1], k -> new ArrayList<>()).add(peer(ends[0], ends[0].toUpperCase()));
        }
        Map<String, Peers> out = new HashMap<>();
        peers.forEach((name, list) -> out.put(name, new Peers(name, list, maxHops)));
        return out;
    }

    /** Floods a family request from {@code origin} as nodes do; returns how often each node was asked. */
    private static Map<String, Integer> flood(Map<String, Peers> net, String origin) {
        Map<String, Integer> asked = new HashMap<>();
        List<Object[]> queue = new ArrayList<>();
        queue.add(new Object[] {origin, Route.ORIGIN});
        while (!queue.isEmpty()) {
            Object[] next = queue.remove(0);
            String node = (String) next[0];
            Route route = (Route) next[1];
            Peers peers = net.get(node);
            List<Peer> targets = route.familyTargets(peers);
            Route onward = route.forwardedTo(node, targets);
            // the assertion as it travels: signed fields, read back
            LinkageAssertion sent = new LinkageAssertion(node, "JP", "r1", Instant.EPOCH, onward.hops(), onward.visited());
            for (Peer t : targets) {
                asked.merge(t.name(), 1, Integer::sum);
                queue.add(new Object[] {t.name(), Route.arriving(sent)});
            }
            if (asked.values().stream().mapToInt(Integer::intValue).sum() > 100) {
                throw new AssertionError("the request loops: " + asked);
            }
        }
        return asked;
    }

    @Test
    void a_full_mesh_asks_every_other_node_once_and_nobody_forwards() {
        Map<String, Peers> net = network(3, "a-b", "b-c", "c-a");
        assertThat(flood(net, "a")).isEqualTo(Map.of("b", 1, "c", 1));
    }

    @Test
    void a_chain_reaches_its_end_through_forwarding_and_never_comes_back() {
        Map<String, Peers> net = network(5, "a-b", "b-c", "c-d");
        assertThat(flood(net, "a")).isEqualTo(Map.of("b", 1, "c", 1, "d", 1));
    }

    @Test
    void the_hop_limit_stops_forwarding() {
        Map<String, Peers> net = network(2, "a-b", "b-c", "c-d");
        assertThat(flood(net, "a")).isEqualTo(Map.of("b", 1, "c", 1));
    }

    @Test
    void a_ring_with_a_tail_asks_each_node_once() {
        Map<String, Peers> net = network(6, "a-b", "b-c", "c-d", "d-a", "c-e");
        Map<String, Integer> asked = flood(net, "a");
        assertThat(asked.keySet()).containsExactlyInAnyOrder("b", "c", "d", "e");
        // b and d are asked by a; c is asked by b and by d at most once each, never by itself: at most twice
        assertThat(asked.get("b")).isEqualTo(1);
        assertThat(asked.get("d")).isEqualTo(1);
        assertThat(asked.get("c")).isLessThanOrEqualTo(2);
    }

    @Test
    void a_retrieval_is_not_forwarded_to_a_visited_node_nor_past_the_limit() {
        Peers peers = new Peers("a", List.of(peer("b", "EP")), 3);
        assertThat(Route.ORIGIN.holder(peers, "EP")).map(Peer::name).hasValue("b");
        assertThat(new Route(1, List.of("b", "a")).holder(peers, "EP")).isEmpty();
        assertThat(new Route(3, List.of("x")).holder(peers, "EP")).isEmpty();
        assertThat(Route.ORIGIN.holder(peers, "JP")).isEmpty();
    }

    @Test
    void forwarding_adds_this_node_and_its_targets_once() {
        Route r = new Route(1, List.of("x", "a")).forwardedTo("a", List.of(peer("b"), peer("x")));
        assertThat(r.hops()).isEqualTo(2);
        assertThat(r.visited()).containsExactly("x", "a", "b");
    }
}
