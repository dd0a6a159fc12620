package org.dossierlink.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class FamilyMergeTest {

    /** A member: application key, and the node it says holds it ("" when it says nothing). */
    private record M(String key, String node) {
    }

    @Test
    void members_are_deduplicated_on_the_key_the_first_node_to_list_one_keeps_it() {
        List<FamilyMerge.Held<M>> merged = FamilyMerge.merge(List.of(
                new FamilyMerge.Listed<>("a", List.of(new M("JP.1", ""), new M("EP.2", ""))),
                new FamilyMerge.Listed<>("b", List.of(new M("EP.2", ""), new M("US.3", ""))),
                new FamilyMerge.Listed<>("c", List.of(new M("US.3", ""), new M("CN.4", "")))),
                M::key, m -> m.node().isEmpty() ? null : m.node());
        assertThat(merged).extracting(h -> h.member().key() + "@" + h.node())
                .containsExactly("JP.1@a", "EP.2@a", "US.3@b", "CN.4@c");
    }

    @Test
    void a_member_a_peer_passed_on_from_a_further_node_keeps_that_node() {
        List<FamilyMerge.Held<M>> merged = FamilyMerge.merge(List.of(
                new FamilyMerge.Listed<>("b", List.of(new M("KR.5", "d")))), M::key, M::node);
        assertThat(merged.get(0).node()).isEqualTo("d");
    }

    @Test
    void no_listing_no_member() {
        Function<M, String> none = m -> null;
        assertThat(FamilyMerge.merge(List.<FamilyMerge.Listed<M>>of(), M::key, none)).isEmpty();
    }
}
