package org.dossierlink.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.message.Message;

/** HTTP headers of an outgoing answer, set by the out interceptors before anything is written. */
final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** Sets {@code name} to {@code value} on the answer {@code message} carries (replacing an earlier value). */
    static void put(Message message, String name, String value) {
        Map<String, List<String>> headers = CastUtils.cast((Map<?, ?>) message.get(Message.PROTOCOL_HEADERS));
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        headers.put(name, List.of(value));
    }
}
