package org.dossierlink.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only element tree, built from one StAX subtree. Readers stream a large file and
 * take one record at a time as a tree, so memory stays bounded by the largest record, not the file.
 * Names are local names; namespaces are kept for the few places that need them.
 */
public final class XmlTree {

    private final String namespace;
    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlTree> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final int line;

    private XmlTree(String namespace, String name, Map<String, String> attributes, int line) {
        this.namespace = namespace;
        this.name = name;
        this.attributes = attributes;
        this.line = line;
    }

    /** Reads the element the reader is positioned on (START_ELEMENT), leaving it on its END_ELEMENT. */
    public static XmlTree read(XMLStreamReader r) throws XMLStreamException {
        XmlTree root = start(r);
        List<XmlTree> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            int ev = r.next();
            XmlTree top = stack.get(stack.size() - 1);
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    XmlTree child = start(r);
                    top.children.add(child);
                    stack.add(child);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        top.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                default -> {
                    // comments and processing instructions carry no record data
                }
            }
        }
        return root;
    }

    private static XmlTree start(XMLStreamReader r) {
        int n = r.getAttributeCount();
        Map<String, String> attrs = n == 0 ? Map.of() : new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        return new XmlTree(r.getNamespaceURI(), r.getLocalName(), attrs, r.getLocation().getLineNumber());
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public int line() {
        return line;
    }

    public String attr(String local) {
        return attributes.get(local);
    }

    public List<XmlTree> children() {
        return children;
    }

    /** Direct children with this local name. */
    public List<XmlTree> children(String local) {
        List<XmlTree> out = new ArrayList<>();
        for (XmlTree c : children) {
            if (c.name.equals(local)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first direct child with this local name, or null. */
    public XmlTree child(String local) {
        for (XmlTree c : children) {
            if (c.name.equals(local)) {
                return c;
            }
        }
        return null;
    }

    /** Follows a path of local names through first children; null when any step is missing. */
    public XmlTree path(String... locals) {
        XmlTree t = this;
        for (String l : locals) {
            t = t.child(l);
            if (t == null) {
                return null;
            }
        }
        return t;
    }

    /** The trimmed text of this element (own text only), or null when empty. */
    public String text() {
        String s = text.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** All text below this element (own text, then each child's), whitespace collapsed. */
    public String deepText() {
        StringBuilder b = new StringBuilder();
        appendDeep(b);
        String s = b.toString().replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    private void appendDeep(StringBuilder b) {
        b.append(text).append(' ');
        for (XmlTree c : children) {
            c.appendDeep(b);
        }
    }

    /** Trimmed text of the first child with this local name, or null. */
    public String childText(String local) {
        XmlTree c = child(local);
        return c == null ? null : c.text();
    }
}
