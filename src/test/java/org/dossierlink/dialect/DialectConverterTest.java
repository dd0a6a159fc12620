package org.dossierlink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dossierlink.Corpus;
import org.dossierlink.testsupport.TestDialects;
import org.junit.jupiter.api.Test;

import net.sf.saxon.s9api.XdmNode;

/** One converter, compiled once, serves many threads; its errors say what went wrong. */
class DialectConverterTest {

    @Test
    void oneConverterServesManyThreadsWithTheSameAnswers() throws Exception {
        DialectConverter c = TestDialects.converter();
        List<CorpusInstances.Instance> instances = CorpusInstances.ALL;
        List<byte[]> expected = new ArrayList<>();
        List<XdmNode> docs = new ArrayList<>();
        for (CorpusInstances.Instance i : instances) {
            XdmNode doc = c.parse(TestDialects.readAll(Corpus.file(i.file())), i.file());
            docs.add(doc);
            expected.add(c.toCanonical(i.dialect(), doc, i.file()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int k = 0; k < instances.size(); k++) {
                    int n = k;
                    results.add(pool.submit(() -> Arrays.equals(expected.get(n),
                            c.toCanonical(instances.get(n).dialect(), docs.get(n), instances.get(n).file()))));
                }
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStylesheetsOwnReasonReachesTheCaller() {
        byte[] two = ("<dos:dossiers xmlns:dos='urn:dossierlink:dossier:1'>"
                + "<dos:dossier><dos:application><dos:office>EP</dos:office><dos:number>10167109</dos:number>"
                + "<dos:docdb>EP.10167109.A</dos:docdb></dos:application></dos:dossier>"
                + "<dos:dossier><dos:application><dos:office>EP</dos:office><dos:number>10167110</dos:number>"
                + "<dos:docdb>EP.10167110.A</dos:docdb></dos:application></dos:dossier></dos:dossiers>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestDialects.fromCanonical(Dialect.JPO, two, "two.xml"))
                .isInstanceOf(DialectException.class)
                .hasMessageStartingWith("two.xml: cannot convert canonical to jpo: ")
                .hasMessageContaining("2");
    }
}
