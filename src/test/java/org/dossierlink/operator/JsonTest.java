package org.dossierlink.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesEscapeWhatJsonRequires() {
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
        assertThat(Json.quote("line\nnext\r\ttab\u0001")).isEqualTo("\"line\\nnext\\r\\ttab\\u0001\"");
        assertThat(Json.quote("ü €")).isEqualTo("\"ü €\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }
}
