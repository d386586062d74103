package io.connectionhub.connection;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a tiny bucket: the third request of a tenant is refused, another tenant is not affected. */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBucket.class)
class RateLimitTest {

    public static class TinyBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.rate-limit.capacity", "2", "connectionhub.rate-limit.refill-per-second", "0.01");
        }
    }

    @Test
    void exhaustedBucketAnswers429WithRetryAfter() {
        TestTenant tenant = TestTenant.create();
        TestTenant other = TestTenant.create();
        tenant.api().get("/api/v2/connections").then().statusCode(200)
                .header("x-ratelimit-limit", "2").header("x-ratelimit-remaining", "1");
        tenant.api().get("/api/v2/connections").then().statusCode(200).header("x-ratelimit-remaining", "0");
        tenant.api().get("/api/v2/connections").then().statusCode(429)
                .body("statusCode", equalTo(429)).body("error", equalTo("Too Many Requests"))
                .body("errorCode", equalTo("too_many_requests"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("x-ratelimit-remaining", "0")
                .header("x-ratelimit-reset", matchesPattern("\\d{10}"));
        other.api().get("/api/v2/connections").then().statusCode(200);
    }
}
