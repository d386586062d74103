package io.connectionhub.organization;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The configurations the organization family is tested under. */
public final class OrgProfiles {

    private OrgProfiles() {
    }

    /** DNS answered by the loopback responder (1 s timeout); outbound requests under the production rules. */
    public static class LoopbackDns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.dns.server", TestDns.server(), "connectionhub.dns.timeout", "1s");
        }
    }

    /**
     * Also: identity providers served over http on loopback, and a slow purge (batches of 200 users, 100 ms apart,
     * nothing over 10 users purged inline) so that a deletion holds its name long enough to be seen.
     */
    public static class LoopbackIdp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new LoopbackDns().getConfigOverrides());
            overrides.put("connectionhub.outbound.allow-http", "true");
            overrides.put("connectionhub.outbound.allow-private-addresses", "true");
            overrides.put("connectionhub.jobs.purge-batch-size", "200");
            overrides.put("connectionhub.jobs.purge-pause", "100ms");
            overrides.put("connectionhub.jobs.inline-purge-threshold", "10");
            return overrides;
        }
    }
}
