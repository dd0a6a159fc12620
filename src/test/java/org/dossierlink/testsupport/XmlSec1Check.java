package org.dossierlink.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dossierlink.signature.Certificates;
import org.dossierlink.signature.SigningKey;

/**
 * Debian's xmlsec1 (an independent XML-DSig implementation) on a signed payload, or on a proxied answer: the outer signature
 * (this node's, the payload's last child) and the nested one (the peer's, inside proxied/evidence), each
 * against its own signer's certificate only.
 */
public final class XmlSec1Check {

    private XmlSec1Check() {
    }

    /**
     * @param response the SOAP 1.1 response text; the payload is the exact bytes in its Body
     * @param element  the payload element's local name (also the evidence's)
     */
    public static void verify(Path dir, String response, String element, SigningKey outer, SigningKey inner)
            throws Exception {
        int open = response.indexOf("<soap:Body>");
        int close = response.indexOf("</soap:Body>");
        assertThat(open).as(response).isNotNegative();
        Path file = Files.createTempFile(dir, element, ".xml");
        Files.writeString(file, response.substring(open + "<soap:Body>".length(), close), StandardCharsets.UTF_8);
        run(dir, file, element, outer, "/*/*[local-name()='Signature']");
        run(dir, file, element, inner, "//*[local-name()='evidence']/*/*[local-name()='Signature']");
    }

    /** A signed payload on its own (its signature is its last child), against its signer's certificate only. */
    public static void verifyPayload(Path dir, byte[] payload, String element, SigningKey signer) throws Exception {
        Path file = Files.createTempFile(dir, element, ".xml");
        Files.write(file, payload);
        run(dir, file, element, signer, null);
    }

    private static void run(Path dir, Path file, String element, SigningKey signer, String signatureXpath)
            throws Exception {
        Path pem = Files.createTempFile(dir, "signer", ".pem");
        Files.writeString(pem, Certificates.pem(signer.certificate()));
        List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify", "--trusted-pem", pem.toString(),
                "--id-attr:Id", element));
        if (signatureXpath != null) {
            command.addAll(List.of("--node-xpath", signatureXpath));
        }
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xmlsec1 did not finish");
        }
        assertThat(p.exitValue()).as("xmlsec1 --verify " + signatureXpath + ": " + out).isZero();
        assertThat(out).contains("OK");
    }
}
