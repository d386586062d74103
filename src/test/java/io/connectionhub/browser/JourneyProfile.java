package io.connectionhub.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.connectionhub.organization.OrgProfiles;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The journeys' configuration: {@link OrgProfiles.LoopbackIdp}, on a free port that is also the service's public URL,
 * so that the service's own absolute redirects (to the password form of a sign-in) reach the server the browser
 * talks to. Port 8080 when it is free, so that the screenshots show the URLs of a default installation.
 */
public class JourneyProfile implements QuarkusTestProfile {

    static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(new OrgProfiles.LoopbackIdp().getConfigOverrides());
        overrides.put("quarkus.http.test-port", String.valueOf(PORT));
        overrides.put("connectionhub.public-url", "http://localhost:" + PORT);
        return overrides;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(8080)) {
            return socket.getLocalPort();
        } catch (IOException taken) {
            // another server has 8080: any free port
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
