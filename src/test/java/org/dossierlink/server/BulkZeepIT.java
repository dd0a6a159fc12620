package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dossierlink.signature.SignatureVerifier;
import org.dossierlink.signature.VerificationLimits;
import org.dossierlink.testsupport.BulkNode;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk transfer with an independent SOAP stack, python zeep, reading only the published ?wsdl
 * (src/test/resources/interop/zeep_bulk_client.py): it downloads an export (MTOM) from one node, submits it
 * to an empty node, polls the receipt to completion and saves it; the stores then agree and the receipt
 * verifies with dossierlink's verifier and xmlsec1. A missing zeep fails the test: .ci/run installs it.
 */
class BulkZeepIT {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void zeep_exports_submits_and_follows_a_package_to_its_signed_receipt() throws Exception {
        try (BulkNode source = BulkNode.start(TestDossiers.seededStore(), dir.resolve("a"));
             BulkNode target = BulkNode.start(BulkNode.emptyStore(), dir.resolve("b"))) {
            Path script = dir.resolve("zeep_bulk_client.py");
            for (String name : new String[] {"zeep_bulk_client.py", "zeep_client.py"}) {
                try (InputStream in = BulkZeepIT.class.getResourceAsStream("/interop/" + name)) {
                    Files.write(dir.resolve(name), in.readAllBytes());
                }
            }
            if (!Files.isExecutable(Path.of(PYTHON))) {
                fail(PYTHON + " is missing; python zeep is required for this test: run .ci/run (Debian python3-zeep)");
            }
            Process p = new ProcessBuilder(PYTHON, script.toString(), source.server.wsdlUrl(), target.server.wsdlUrl(),
                    dir.toString()).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("zeep client did not finish within 120 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            Map<String, String> facts = new LinkedHashMap<>();
            out.lines().filter(l -> l.contains("=")).forEach(l -> facts.put(l.substring(0, l.indexOf('=')),
                    l.substring(l.indexOf('=') + 1)));
            assertThat(facts).as(out)
                    .containsEntry("export.items", "4")
                    .containsEntry("export.sha256.matches", "True")
                    .containsEntry("submit.status", "queued")
                    .containsEntry("submit.sha256.matches", "True")
                    .containsEntry("receipt.status", "completed")
                    .containsEntry("receipt.totals", "4,0,0,0")
                    .containsEntry("receipt.signed", "True")
                    .containsEntry("receipt.sha256.matches", "True")
                    .containsEntry("fault.unknownTicket", "NOT_FOUND");
            assertThat(BulkNode.snapshot(target.store)).isEqualTo(BulkNode.snapshot(source.store));
            Path receipt = dir.resolve("zeep-receipt.xml");
            new SignatureVerifier(TestKeys.trust(), VerificationLimits.defaults())
                    .verify(SignatureVerifier.payloadOf(BulkTransferIT.parse(receipt)), Instant.now());
            BulkTransferIT.assertXmlsec1Verifies(receipt, TestKeys.rsa().certificate());
        }
    }
}
