package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaults() {
        ServerOptions o = ServerOptions.defaults();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.contextPath()).isEmpty();
        assertThat(o.schemaValidation()).isTrue();
        assertThat(o.maxRequestBytes()).isEqualTo(XmlLimits.MAX_REQUEST_BYTES);
        assertThat(o.withPort(0).withHost("0.0.0.0").withSchemaValidation(false).withMaxRequestBytes(10))
                .isEqualTo(new ServerOptions("0.0.0.0", 0, "", false, 10, true));
    }

    @Test
    void refuses_nonsense() {
        assertThatThrownBy(() -> ServerOptions.defaults().withPort(70000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> ServerOptions.defaults().withMaxRequestBytes(0)).hasMessageContaining("maxRequestBytes");
        assertThatThrownBy(() -> new ServerOptions("h", 1, "node", true, 1, true)).hasMessageContaining("contextPath");
        assertThatThrownBy(() -> new ServerOptions("h", 1, "/node/", true, 1, true)).hasMessageContaining("contextPath");
    }
}
