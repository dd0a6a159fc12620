package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** IntLists against a list of lists, through random sets, adds and removes (which move and compact lists). */
class IntListsTest {

    @Test
    void random_operations_match_a_list_of_lists() {
        Random random = new Random(7);
        IntLists lists = new IntLists();
        List<List<Integer>> expected = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            int id = random.nextInt(300);
            while (expected.size() <= id) {
                expected.add(null);
            }
            switch (random.nextInt(4)) {
                case 0 -> {
                    int n = random.nextInt(6);
                    int[] values = new int[n + 3];
                    List<Integer> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        values[i] = random.nextInt(50);
                        list.add(values[i]);
                    }
                    lists.set(id, values, n);
                    expected.set(id, list);
                }
                case 1, 2 -> {
                    int v = random.nextInt(50);
                    lists.add(id, v);
                    if (expected.get(id) == null) {
                        expected.set(id, new ArrayList<>());
                    }
                    expected.get(id).add(v);
                }
                default -> {
                    int v = random.nextInt(50);
                    lists.remove(id, v);
                    List<Integer> list = expected.get(id);
                    if (list != null) {
                        int at = list.indexOf(v);
                        if (at >= 0) {
                            list.set(at, list.get(list.size() - 1));
                            list.remove(list.size() - 1);
                        }
                    }
                }
            }
            if (step % 1000 == 0) {
                assertSame(lists, expected);
            }
        }
        assertSame(lists, expected);
        assertThat(lists.present(100_000)).isFalse();
        assertThat(lists.size(100_000)).isZero();
    }

    private static void assertSame(IntLists lists, List<List<Integer>> expected) {
        for (int id = 0; id < expected.size(); id++) {
            List<Integer> list = expected.get(id);
            assertThat(lists.present(id)).as("id %d", id).isEqualTo(list != null);
            List<Integer> actual = new ArrayList<>();
            for (int i = 0; i < lists.size(id); i++) {
                actual.add(lists.get(id, i));
            }
            assertThat(actual).as("id %d", id).isEqualTo(list == null ? List.of() : list);
        }
    }
}
