package org.dossierlink.dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;


/** Small helpers of the JPO and CNIPA dialect tests: demo records and variants of corpus files. */
final class JpoCnipaTestFiles {

    static final String DOS_NS = "urn:dossierlink:dossier:1";
    private static final Pattern DOSSIER = Pattern.compile("<dos:dossier\\b.*?</dos:dossier>", Pattern.DOTALL);

    private JpoCnipaTestFiles() {
    }

    /** Every record of src/main/resources/demo/corpus-dossiers.xml, each as a one-record dos:dossiers document. */
    static List<String> demoRecords() {
        String all = read(Path.of("src", "main", "resources", "demo", "corpus-dossiers.xml"));
        List<String> out = new ArrayList<>();
        Matcher m = DOSSIER.matcher(all);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The demo record holding the given application docdb, as a one-record dos:dossiers document. */
    static byte[] demoRecord(String applicationDocdb) {
        for (String r : demoRecords()) {
            String app = r.substring(r.indexOf("<dos:application>"), r.indexOf("</dos:application>"));
            if (app.contains("<dos:docdb>" + applicationDocdb + "</dos:docdb>")) {
                return wrap(r);
            }
        }
        throw new IllegalStateException("no demo record of " + applicationDocdb);
    }

    static byte[] wrap(String dossier) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dos:dossiers xmlns:dos=\"" + DOS_NS + "\">\n" + dossier
                + "\n</dos:dossiers>\n").getBytes(StandardCharsets.UTF_8);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a variant of a corpus file to a temporary file (deleted on exit). */
    static Path variant(String content, String name) {
        try {
            Path p = Files.createTempFile("dossierlink-" + name, ".xml");
            p.toFile().deleteOnExit();
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dialect to canonical to dialect compares equal apart from the to-canonical cannot-hold paths. */
    static String replaceOnce(String s, String target, String replacement) {
        int i = s.indexOf(target);
        if (i < 0 || s.indexOf(target, i + 1) >= 0) {
            throw new IllegalStateException("expected exactly one '" + target + "'");
        }
        return s.substring(0, i) + replacement + s.substring(i + target.length());
    }
}
