package org.dossierlink.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipFile;

import org.dossierlink.dialect.Dialect;
import org.dossierlink.dossier.ContentDigest;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's pre-pass over the manifest: every listed path once, whatever the path digests do. */
class ManifestPrePassTest {

    @TempDir
    Path dir;

    @Test
    void distinctPathsPassEvenWhenEveryDigestCollides() throws Exception {
        Path pkg = BulkFixtures.writePackage(dir.resolve("p.zip"), 12);
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            ZipPackage p = new ZipPackage(zip, pkg.toString());
            PathSet allCollide = new PathSet(path -> 7L);
            Manifest header = PackageImporter.readListed(p, allCollide, pkg);
            assertThat(header.itemCount()).isEqualTo(12);
            assertThat(allCollide.size()).isEqualTo(1);

            PathSet real = new PathSet();
            PackageImporter.readListed(p, real, pkg);
            assertThat(real.size()).as("12 items, 2 of them with a document").isEqualTo(14);
            assertThat(p.unlistedEntries(real::contains)).isEmpty();
        }
    }

    @Test
    void aPathListedTwiceRefusesThePackageNamingIt() throws Exception {
        Path pkg = dir.resolve("twice.zip");
        byte[] one = BulkFixtures.item(1);
        byte[] two = BulkFixtures.item(2);
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "twice", Instant.now(), null)) {
            w.addEntries(new Manifest.Item(1, "dossiers/1.xml", Dialect.CANONICAL, ContentDigest.sha256(one), one.length,
                    List.of()), one, List.of());
            // item 2 lists item 1's entry as its document (no second ZIP entry is written for it)
            w.addEntries(new Manifest.Item(2, "dossiers/2.xml", Dialect.CANONICAL, ContentDigest.sha256(two), two.length,
                    List.of(new Manifest.Content("D1", "dossiers/1.xml", "application/xml", ContentDigest.sha256(one),
                            one.length))), two, List.of());
            w.finish();
        }
        for (PathSet listed : List.of(new PathSet(), new PathSet(path -> 7L))) {
            try (ZipFile zip = new ZipFile(pkg.toFile())) {
                ZipPackage p = new ZipPackage(zip, pkg.toString());
                assertThatThrownBy(() -> PackageImporter.readListed(p, listed, pkg))
                        .isInstanceOf(PackageRefusedException.class)
                        .hasMessageContaining("twice.zip").hasMessageContaining("entry dossiers/1.xml is listed twice");
            }
        }
    }

    @Test
    void entriesNotListedAreFoundExactly() throws Exception {
        Path pkg = dir.resolve("stray.zip");
        try (OutputStream out = Files.newOutputStream(pkg);
             PackageWriter w = new PackageWriter(out, TestKeys.signer(), "EP", "stray", Instant.now(), null)) {
            w.add("one", Dialect.CANONICAL, BulkFixtures.item(1), List.of());
            w.addUnlisted("dossiers/stray-a.xml", BulkFixtures.item(2));
            w.add("three", Dialect.CANONICAL, BulkFixtures.item(3), List.of());
            w.addUnlisted("dossiers/stray-b.xml", BulkFixtures.item(4));
            w.finish();
        }
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            ZipPackage p = new ZipPackage(zip, pkg.toString());
            PathSet listed = new PathSet();
            PackageImporter.readListed(p, listed, pkg);
            assertThat(p.unlistedEntries(listed::contains)).containsExactly("dossiers/stray-a.xml", "dossiers/stray-b.xml");
        }
    }
}
