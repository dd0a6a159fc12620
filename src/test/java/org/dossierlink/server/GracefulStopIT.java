package org.dossierlink.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dossierlink.dossier.DossierStore;
import org.dossierlink.testsupport.RawSoap;
import org.dossierlink.testsupport.RawSoap.Version;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

/** Stopping the server (what SIGTERM does through serve's shutdown hook) lets a request in flight finish. */
class GracefulStopIT {

    @Test
    void a_request_in_flight_when_the_server_stops_still_gets_its_answer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DossierStore real = TestDossiers.seededStore();
        DossierStore slow = (DossierStore) Proxy.newProxyInstance(DossierStore.class.getClassLoader(),
                new Class<?>[] {DossierStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("documents")) {
                        entered.countDown();
                        release.await(20, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DossierServer server = new DossierServer(ServerOptions.demo().withPort(0), TestDossiers.service(slow),
                TestKeys.signer()).start();
        String url = server.soap11Url();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> RawSoap.call(url, Version.SOAP11,
                "GetDocumentList", "<m:GetDocumentList xmlns:m=\"urn:dossierlink:messages:1\"><m:office>EP</m:office>"
                        + "<m:applicationNumber>10167109</m:applicationNumber></m:GetDocumentList>"));
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("the request reached the store").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        // wait until the server is really stopping: a new request is turned away
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try {
                refused = RawSoap.call(url, Version.SOAP11, "GetServiceInfo",
                        "<m:GetServiceInfo xmlns:m=\"urn:dossierlink:messages:1\"/>").statusCode() == 503;
            } catch (IllegalStateException connectionRefused) {
                refused = true;
            }
        }
        assertThat(refused).as("new requests are turned away while stopping").isTrue();
        assertThat(inFlight).isNotDone();
        release.countDown();

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("GetDocumentListResponse", "EP10167109-SR-1");
        stopping.get(DossierServer.STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }
}
