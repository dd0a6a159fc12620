package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.dossierlink.Corpus;
import org.dossierlink.dossier.Publication;
import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NumberNormalizer;
import org.dossierlink.number.NumberType;
import org.dossierlink.store.JdbcDossierStore;
import org.dossierlink.store.StoreConfig;
import org.dossierlink.xml.SecureXml;
import org.dossierlink.xml.XmlTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DossierImporterTest {

    @TempDir
    Path dir;
    private JdbcDossierStore store;
    private DossierImporter importer;
    private final NumberNormalizer normalizer = new NumberNormalizer();

    @BeforeEach
    void open() {
        store = JdbcDossierStore.open(StoreConfig.h2Url(dir), null, null);
        importer = new DossierImporter(store, normalizer, org.dossierlink.testsupport.TestDialects.converter());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * The real-data check: after importing the OPS family/biblio response, GetFamily (extended) for
     * any member gives exactly the applications and publications the EPO lists in its family response.
     */
    @Test
    void extendedFamilyOfEveryMemberMatchesTheEpoFamilyResponse() throws Exception {
        DossierImporter.Result r = importer.importFile(Corpus.file("epo-ops/responses/family_biblio_EP2400812A1.xml"));
        assertThat(r.dialect()).isEqualTo(Dialect.DOCDB);
        assertThat(r.inserted()).isEqualTo(3);

        Set<String> epoApplications = new TreeSet<>();
        Set<String> epoPublications = new TreeSet<>();
        for (XmlTree member : familyMembers(Corpus.file("epo-ops/responses/family_EP2400812A1.xml"))) {
            XmlTree app = docdb(member.child("application-reference"));
            epoApplications.add(app.childText("country") + app.childText("doc-number"));
            XmlTree pub = docdb(member.child("publication-reference"));
            epoPublications.add(pub.childText("country") + "." + pub.childText("doc-number") + "." + pub.childText("kind"));
        }
        assertThat(epoApplications).hasSize(3);
        assertThat(epoPublications).hasSize(5);

        FamilyLookup lookup = new FamilyLookup(store);
        for (String[] query : new String[][] {{"EP", "EP 10167109.7", "application"}, {"US", "US 2012/0057518 A1", "publication"},
                {"CA", "2744162", "application"}, {"US", "9,648,662", "publication"}, {"EP", "EP 10167109", "priority"}}) {
            Family f = lookup.lookup(normalizer.normalize(query[0], query[1], NumberType.parse(query[2], null)),
                    FamilyType.EXTENDED);
            assertThat(new TreeSet<>(f.applicationKeys())).as("applications for %s", query[1]).isEqualTo(epoApplications);
            Set<String> pubs = new TreeSet<>();
            for (FamilyMember m : f.members()) {
                m.dossier().publications().stream().map(Publication::docdb).forEach(pubs::add);
            }
            assertThat(pubs).as("publications for %s", query[1]).isEqualTo(epoPublications);
        }
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        Path f = Corpus.file("epo-ops/responses/family_biblio_EP2400812A1.xml");
        importer.importFile(f);
        DossierImporter.Result again = importer.importFile(f);
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(store.applicationCount()).isEqualTo(3);
    }

    @Test
    void canonicalFilesImportAndRoundTrip() throws Exception {
        importer.importFile(Corpus.file("epo-ops/responses/biblio_CN104968889A.xml"));
        var cn = store.findByApplicationKeys(List.of(store.applicationKeysByPublication("CN104968889").get(0))).get(0);
        Path canonical = dir.resolve("cn.xml");
        Files.write(canonical, CanonicalDossierXml.toBytes(cn, List.of()));
        DossierImporter.Result r = importer.importFile(canonical);
        assertThat(r.dialect()).isEqualTo(Dialect.CANONICAL);
        assertThat(r.unchanged()).isEqualTo(1);
    }

    @Test
    void badFilesStoreNothingAndSayWhy() throws Exception {
        Path truncated = dir.resolve("truncated.xml");
        String good = Files.readString(Corpus.file("epo-ops/responses/family_biblio_EP2400812A1.xml"));
        Files.writeString(truncated, good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> importer.importFile(truncated))
                .isInstanceOf(DialectException.class)
                .hasMessageStartingWith(truncated + ":")
                .hasMessageContaining("not well-formed XML");
        assertThat(store.applicationCount()).isZero();

        assertThatThrownBy(() -> importer.importFile(Corpus.file("epo-ops/responses/number_docdb_to_epodoc_EP2400812A1.xml")))
                .hasMessageContaining("this OPS answer holds no dossier");
        assertThatThrownBy(() -> importer.importFile(dir.resolve("missing.xml")))
                .hasMessage(dir.resolve("missing.xml") + ": no such file");
    }

    private static List<XmlTree> familyMembers(Path file) throws Exception {
        List<XmlTree> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            var r = SecureXml.inputFactory().createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("family-member")) {
                    out.add(XmlTree.read(r));
                }
            }
        }
        return out;
    }

    private static XmlTree docdb(XmlTree ref) {
        return ref.children("document-id").stream().filter(d -> "docdb".equals(d.attr("document-id-type"))).findFirst()
                .orElseThrow();
    }
}
