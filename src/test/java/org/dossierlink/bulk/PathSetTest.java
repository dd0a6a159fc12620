package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PathSetTest {

    @Test
    void holdsEveryPathAddedAndNoOther() {
        PathSet set = new PathSet();
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String path = "dossiers/EP" + (9_000_000 + i) + ".xml";
            assertThat(set.add(path)).as(path).isTrue();
            added.add(path);
        }
        assertThat(set.size()).isEqualTo(200_000);
        for (String path : added) {
            assertThat(set.contains(path)).as(path).isTrue();
            assertThat(set.add(path)).as("a second add of " + path).isFalse();
        }
        int found = 0;
        for (int i = 0; i < 200_000; i++) {
            if (set.contains("documents/EP" + (9_000_000 + i) + ".pdf")) {
                found++;
            }
        }
        assertThat(found).as("paths never added").isZero();
        assertThat(set.size()).isEqualTo(200_000);
    }

    @Test
    void takesAtMostThirtyTwoBytesAPath() {
        PathSet set = new PathSet();
        for (int i = 0; i < 1_000_000; i++) {
            set.add("dossiers/" + i + ".xml");
        }
        assertThat(set.size()).isEqualTo(1_000_000);
        // 2^21 slots of 8 bytes: a string set of the same paths takes about 130 MB
        assertThat(set.tableBytes()).isEqualTo(8L << 21).isLessThanOrEqualTo(32L * 1_000_000);
    }

    @Test
    void saltsDifferFromSetToSet() {
        // the same two paths collide in one set only by chance, and never in every set
        PathSet a = new PathSet();
        PathSet b = new PathSet();
        a.add("dossiers/1.xml");
        b.add("dossiers/1.xml");
        assertThat(a.contains("dossiers/1.xml")).isTrue();
        assertThat(b.contains("dossiers/1.xml")).isTrue();
        assertThat(a.contains("dossiers/2.xml")).isFalse();
    }

    @Test
    void aCollisionIsReportedAsSeenAndAZeroDigestIsHeld() {
        PathSet collide = new PathSet(p -> 42L);
        assertThat(collide.add("a")).isTrue();
        assertThat(collide.add("b")).as("another path, same digest: a suspicion only").isFalse();
        assertThat(collide.contains("c")).isTrue();

        PathSet zero = new PathSet(p -> p.equals("z") ? 0L : p.length());
        assertThat(zero.contains("z")).isFalse();
        assertThat(zero.add("z")).isTrue();
        assertThat(zero.contains("z")).isTrue();
        assertThat(zero.add("z")).isFalse();
    }
}
