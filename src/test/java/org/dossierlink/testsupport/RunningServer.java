package org.dossierlink.testsupport;

import org.dossierlink.server.DossierServer;
import org.dossierlink.server.ServerOptions;

/** Starts the real server on a free port of 127.0.0.1 over {@link TestDossiers#service()}. */
public final class RunningServer {

    private RunningServer() {
    }

    public static DossierServer start() throws Exception {
        return start(ServerOptions.demo().withPort(0));
    }

    public static DossierServer start(ServerOptions options) throws Exception {
        return new DossierServer(options, TestDossiers.service(), TestKeys.signer()).start();
    }
}
