package org.dossierlink.validation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The known drift of live EPO OPS data from the OPS v3.2 schemas, accepted as warnings in
 * {@link ValidationMode#TOLERANT} mode. Each rule recognises its issue by the validator's error key,
 * the element being validated and its ancestors (expanded names, not prefixes), and what the element
 * actually holds (the attribute or the value at fault); the message text alone never decides.
 */
public enum DriftRule {

    /** {@code exch:citation/@office}: live biblio answers say which office cited; exchange-documents.xsd has no such attribute. */
    CITATION_OFFICE("citation-office", "undeclared attribute office on exch:citation (references-cited)") {
        @Override
        boolean matches(String code, String message, ElementContext e) {
            return "cvc-complex-type.3.2.2".equals(code)
                    && e.is(0, EXCH, "citation") && e.is(1, EXCH, "references-cited")
                    && "office".equals(quoted(message, 0)) && e.attribute("office") != null;
        }
    },
    /** {@code exch:priority-linkage-type} after {@code priority-active-indicator} in an {@code ops:family-member}'s priority claim. */
    FAMILY_MEMBER_PRIORITY_LINKAGE_TYPE("family-member-priority-linkage-type",
            "exch:priority-linkage-type out of schema order in a priority claim of ops:family-member") {
        @Override
        boolean matches(String code, String message, ElementContext e) {
            return code != null && code.startsWith("cvc-complex-type.2.4.")
                    && e.is(0, EXCH, "priority-linkage-type") && e.is(1, EXCH, "priority-claim")
                    && e.is(2, OPS, "family-member");
        }
    },
    /** {@code image/jpeg} as an {@code ops:document-format} of an images inquiry; ops.xsd's document-formatType lacks it. */
    IMAGES_DOCUMENT_FORMAT_JPEG("images-document-format-jpeg",
            "image/jpeg as ops:document-format in an images inquiry (ops:document-inquiry)") {
        @Override
        boolean matches(String code, String message, ElementContext e) {
            return ("cvc-datatype-valid.1.2.3".equals(code) || "cvc-type.3.1.3".equals(code)
                    || "cvc-enumeration-valid".equals(code) || "cvc-pattern-valid".equals(code))
                    && e.is(0, OPS, "document-format") && e.is(1, OPS, "document-format-options")
                    && e.is(2, OPS, "document-instance") && e.hasAncestor(OPS, "document-inquiry")
                    && "image/jpeg".equals(e.text().strip());
        }
    },
    /** {@code reg:events-data} in a register document that has no {@code reg:bibliographic-data} (OPS register events answer). */
    REGISTER_EVENTS_DATA("register-events-data", "reg:events-data in reg:register-document without reg:bibliographic-data") {
        @Override
        boolean matches(String code, String message, ElementContext e) {
            return code != null && code.startsWith("cvc-complex-type.2.4.")
                    && e.is(0, REG, "events-data") && e.is(1, REG, "register-document")
                    && message.contains("bibliographic-data");
        }
    },
    /** {@code reg:procedural-data} in a register document that has no {@code reg:bibliographic-data} (procedural steps answer). */
    REGISTER_PROCEDURAL_DATA("register-procedural-data",
            "reg:procedural-data in reg:register-document without reg:bibliographic-data") {
        @Override
        boolean matches(String code, String message, ElementContext e) {
            return code != null && code.startsWith("cvc-complex-type.2.4.")
                    && e.is(0, REG, "procedural-data") && e.is(1, REG, "register-document")
                    && message.contains("bibliographic-data");
        }
    };

    static final String EXCH = "http://www.epo.org/exchange";
    static final String OPS = "http://ops.epo.org";
    static final String REG = "http://www.epo.org/register";
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final String wireName;
    private final String description;

    DriftRule(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    abstract boolean matches(String code, String message, ElementContext element);

    /** The first rule that accepts this error, or null. */
    static DriftRule find(String code, String message, ElementContext element) {
        if (code == null || element.depth() == 0) {
            return null;
        }
        for (DriftRule r : values()) {
            if (r.matches(code, message, element)) {
                return r;
            }
        }
        return null;
    }

    /** The n-th single-quoted token of a Xerces message (the attribute or element it names). */
    private static String quoted(String message, int n) {
        Matcher m = QUOTED.matcher(message);
        for (int i = 0; m.find(); i++) {
            if (i == n) {
                return m.group(1);
            }
        }
        return null;
    }

    /** What a rule may look at: the element being validated and its ancestors. */
    interface ElementContext {
        /** Number of open elements (0 before the root). */
        int depth();

        /** Whether the element {@code up} levels above the current one (0 = current) has this expanded name. */
        boolean is(int up, String namespace, String localName);

        boolean hasAncestor(String namespace, String localName);

        /** An unqualified attribute of the current element as the document gives it, or null. */
        String attribute(String localName);

        /** The text the current element holds so far (first 256 characters). */
        String text();
    }
}
