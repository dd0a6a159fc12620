package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dossierlink.xml.XmlLimits;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaults() {
        ServerOptions o = ServerOptions.demo();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.contextPath()).isEmpty();
        assertThat(o.schemaValidation()).isTrue();
        assertThat(o.maxRequestBytes()).isEqualTo(XmlLimits.MAX_REQUEST_BYTES);
        assertThat(o.withPort(0).withHost("0.0.0.0").withSchemaValidation(false).withMaxRequestBytes(10))
                .isEqualTo(new ServerOptions("0.0.0.0", 0, "", false, 10, true, true, null));
        assertThat(o.demoAccess()).isTrue();
        assertThat(o.https()).isFalse();
    }

    @Test
    void refuses_nonsense() {
        assertThatThrownBy(() -> ServerOptions.demo().withPort(70000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> ServerOptions.demo().withMaxRequestBytes(0)).hasMessageContaining("maxRequestBytes");
        assertThatThrownBy(() -> new ServerOptions("h", 1, "node", true, 1, true, true, null)).hasMessageContaining("contextPath");
        assertThatThrownBy(() -> new ServerOptions("h", 1, "/node/", true, 1, true, true, null)).hasMessageContaining("contextPath");
        assertThatThrownBy(() -> new ServerOptions("h", 1, "", true, 1, true, false, null))
                .hasMessageContaining("needs TLS").hasMessageContaining("--demo");
    }
}
