package io.connectionhub.connection;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** metadataUrl read from a loopback server, which the test configuration allows (http, private address). */
@QuarkusTest
@TestProfile(SamlMetadataUrlTest.LoopbackAllowed.class)
class SamlMetadataUrlTest {

    public static class LoopbackAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.outbound.allow-http", "true",
                    "connectionhub.outbound.allow-private-addresses", "true");
        }
    }

    HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        byte[] metadata = SamlConnectionTest.resource("okta-idp-metadata.xml").getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metadata.xml", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/samlmetadata+xml");
            exchange.sendResponseHeaders(200, metadata.length);
            exchange.getResponseBody().write(metadata);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://other-host.example:" + server.getAddress().getPort()
                    + "/metadata.xml");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void metadataUrlIsFetchedAndReadAndKept() {
        TestTenant tenant = TestTenant.create();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/metadata.xml";
        tenant.api().body(Map.of("name", "md-" + UUID.randomUUID().toString().substring(0, 8), "strategy", "samlp",
                "options", Map.of("metadataUrl", url))).post("/api/v2/connections").then().statusCode(201)
                .body("options.metadataUrl", equalTo(url))
                .body("options.signInEndpoint", containsString("https://dev-123456.okta.com/"))
                .body("options.thumbprints.size()", equalTo(1));
        tenant.api().body(Map.of("name", "md-" + UUID.randomUUID().toString().substring(0, 8), "strategy", "samlp",
                "options", Map.of("metadataUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere")))
                .post("/api/v2/connections").then().statusCode(400).body("errorCode", equalTo("invalid_body"))
                .body("message", containsString("redirect"));
    }
}
