package org.dossierlink.linkage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MTOM answer (multipart/related): the root part's XML and the attachments by Content-ID (angle
 * brackets removed). Parsed from bytes already bounded by the caller.
 */
record MtomAnswer(byte[] root, Map<String, byte[]> attachments) {

    private static final Pattern PARAM = Pattern.compile(";\\s*([A-Za-z-]+)=(\"[^\"]*\"|[^;\\s]+)");
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    static MtomAnswer parse(byte[] body, String contentType) throws IOException {
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(contentType);
        while (m.find()) {
            String v = m.group(2);
            params.put(m.group(1).toLowerCase(Locale.ROOT), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        String boundary = params.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IOException("a multipart answer without a boundary");
        }
        String start = params.get("start");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        byte[] root = null;
        Map<String, byte[]> parts = new HashMap<>();
        while (at >= 0) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // the closing delimiter
            }
            int headersEnd = indexOf(body, CRLFCRLF, after);
            if (headersEnd < 0) {
                throw new IOException("a multipart part without a header end");
            }
            String headers = new String(body, after, headersEnd - after, StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw new IOException("a multipart answer without its closing delimiter");
            }
            int contentEnd = next >= 2 && body[next - 2] == '\r' && body[next - 1] == '\n' ? next - 2 : next;
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            String id = header(headers, "content-id");
            if (id != null) {
                id = id.replaceAll("^<|>$", "");
            }
            boolean isRoot = root == null && (start == null ? parts.isEmpty() : start.replaceAll("^<|>$", "").equals(id));
            if (isRoot) {
                root = content;
            } else if (id != null) {
                parts.put(id, content);
            }
            at = next;
        }
        if (root == null) {
            throw new IOException("a multipart answer without its root part");
        }
        return new MtomAnswer(root, parts);
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
