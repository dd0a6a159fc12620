package org.dossierlink.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DemoPdfTest {

    @Test
    void crossReferenceTablePointsAtEveryObject() {
        byte[] pdf = DemoPdf.render(List.of("Title (with parentheses) \\ and 日本語"), 3);
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("%PDF-1.4").endsWith("%%EOF\n").contains("/Count 3");
        int startxref = Integer.parseInt(s.substring(s.lastIndexOf("startxref") + 10, s.lastIndexOf("%%EOF")).trim());
        assertThat(s.substring(startxref)).startsWith("xref\n0 10\n");
        Matcher m = Pattern.compile("(\\d{10}) 00000 n ").matcher(s.substring(startxref));
        int object = 1;
        while (m.find()) {
            int offset = Integer.parseInt(m.group(1));
            assertThat(s.substring(offset)).startsWith(object + " 0 obj");
            object++;
        }
        assertThat(object - 1).isEqualTo(9);
        assertThat(s).contains("Title \\(with parentheses\\) \\\\ and ???").contains("(Page 3 of 3)");
    }

    @Test
    void streamLengthsAreExact() {
        String s = new String(DemoPdf.render(List.of("x"), 1), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("/Length (\\d+) >>\nstream\n").matcher(s);
        assertThat(m.find()).isTrue();
        int len = Integer.parseInt(m.group(1));
        assertThat(s.substring(m.end() + len)).startsWith("endstream");
    }
}
