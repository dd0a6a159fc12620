package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dossierlink.testsupport.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent SOAP stack, python zeep, reads only the published ?wsdl and calls the server on
 * both ports (src/test/resources/interop/zeep_client.py). A missing zeep fails the test: .ci/run
 * installs it.
 */
class ZeepInteropIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String HOW_TO_FIX = "python zeep is required for this test: run .ci/run (it installs"
            + " the Debian package python3-zeep for " + PYTHON + ")";

    private static DossierServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void zeep_reads_the_wsdl_calls_the_operations_and_sees_fault_details(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("zeep_client.py");
        try (InputStream in = ZeepInteropIT.class.getResourceAsStream("/interop/zeep_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing; " + HOW_TO_FIX);
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), server.wsdlUrl()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("zeep client did not finish within 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() == 3 || out.contains("zeep-missing")) {
            fail(HOW_TO_FIX + "\n" + out);
        }
        assertThat(p.exitValue()).as(out).isZero();

        Map<String, String> facts = facts(out);
        assertThat(facts).as(out)
                .containsEntry("product", "dossierlink")
                .containsEntry("offices", "CN,EP,JP,KR,US,WO")
                .containsEntry("operations",
                        "GetFamily,GetDocumentList,GetDocument,GetBibliographicData,NormalizeNumber,ValidateDossier,GetServiceInfo,"
                                + "GetSigningCertificates,SubmitPackage,GetPackageReceipt,ExportChanges")
                .containsEntry("soap12.product", "dossierlink")
                .containsEntry("normalized.docdb", "US.13167395.A")
                .containsEntry("normalized.original", "13/167,395")
                .containsEntry("family.signed", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
                .containsEntry("certificates.current", "test-rsa")
                .containsEntry("certificates.signed", "True")
                .containsEntry("family.type", "extended")
                .containsEntry("family.memberCount", "4")
                .containsEntry("family.members", "EP.10167109.A,CN.201110123456.A,JP.2010123456.A,US.13167395.A")
                .containsEntry("family.queried", "EP.10167109.A")
                .containsEntry("st96.dialect", "st96")
                .containsEntry("st96.root", "{http://www.wipo.int/standards/XMLSchema/ST96/Patent}PatentPublication")
                .containsEntry("validate.good", "True,canonical,0")
                .containsEntry("validate.bad", "False,1,line 1")
                .containsEntry("fault.unknownOffice", "UNKNOWN_OFFICE")
                .containsEntry("fault.notFound", "NOT_FOUND");
    }

    static Map<String, String> facts(String out) throws IOException {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }
}
