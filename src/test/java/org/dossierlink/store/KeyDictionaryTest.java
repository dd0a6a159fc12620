package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** KeyDictionary numbers strings in order of first sight, and finds each again across many table growths. */
class KeyDictionaryTest {

    @Test
    void numbers_and_finds_strings_like_a_map() {
        KeyDictionary dictionary = new KeyDictionary();
        Map<String, Integer> expected = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String key = (i % 3 == 0 ? "EP" : i % 3 == 1 ? "WOUS2012" : "JPé") + (i * 7919 % 60_000);
            int id = dictionary.intern(key);
            Integer before = expected.putIfAbsent(key, id);
            if (before == null) {
                assertThat(id).isEqualTo(order.size());
                order.add(key);
            } else {
                assertThat(id).isEqualTo(before);
            }
        }
        assertThat(dictionary.size()).isEqualTo(order.size());
        for (int id = 0; id < order.size(); id++) {
            assertThat(dictionary.key(id)).isEqualTo(order.get(id));
            assertThat(dictionary.find(order.get(id))).isEqualTo(id);
        }
        assertThat(dictionary.find("EP")).isEqualTo(-1);
        assertThat(dictionary.find("EP59999x")).isEqualTo(-1);
        assertThat(dictionary.find("")).isEqualTo(-1);
        assertThat(dictionary.intern("")).isEqualTo(order.size());
        assertThat(dictionary.key(order.size())).isEmpty();
    }
}
