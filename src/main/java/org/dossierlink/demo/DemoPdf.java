package org.dossierlink.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small, valid PDF 1.4 files (A4 pages of Helvetica text) for the demo dossiers, so a client
 * retrieving a demo document gets a real PDF it can open. Non-ASCII characters print as '?'.
 */
final class DemoPdf {

    private DemoPdf() {
    }

    static byte[] render(List<String> headerLines, int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("a PDF needs at least one page");
        }
        List<String> objects = new ArrayList<>();
        // 1 catalog, 2 page tree, 3 font, then a page object and a content stream per page
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < pages; p++) {
            kids.append(4 + 2 * p).append(" 0 R ");
        }
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        for (int p = 0; p < pages; p++) {
            int contentObj = 5 + 2 * p;
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents "
                    + contentObj + " 0 R >>");
            StringBuilder text = new StringBuilder("BT /F1 11 Tf 56 780 Td 16 TL\n");
            for (String line : headerLines) {
                text.append('(').append(escape(line)).append(") Tj T*\n");
            }
            text.append("T* (Page ").append(p + 1).append(" of ").append(pages).append(") Tj\nET\n");
            byte[] stream = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            objects.add("<< /Length " + stream.length + " >>\nstream\n" + text + "endstream");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 * pages);
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long off : offsets) {
            x.append(String.format("%010d 00000 n \n", off));
        }
        x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
