package io.connectionhub.organization;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionhub.common.MissingConfiguration;
import io.connectionhub.organization.DomainVerification.Outcome;
import io.connectionhub.support.ConfigMappings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Domain verification against a loopback DNS responder, configured the way the service configures it. */
class DomainVerifierTest {

    static final String TOKEN = "Qx7k2LmN9pR4";

    static LoopbackDnsResponder dns;
    static DomainVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        dns = new LoopbackDnsResponder();
        verifier = new DomainVerifier(config(dns.server(), "5s"));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
    }

    @Test
    void defaultsAreTheSystemResolverAndFiveSeconds() {
        DnsConfig config = ConfigMappings.of(DnsConfig.class, Map.of());

        assertEquals(Optional.empty(), config.server());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertDoesNotThrow(() -> new DomainVerifier(config));
    }

    @Test
    void aRecordWithTheTokenVerifiesTheDomain() {
        dns.txt("_connectionhub-challenge.acme.example", "google-site-verification=abc", "connectionhub-verification=" + TOKEN);

        DomainVerification result = verify("acme.example", TOKEN);

        assertEquals(Outcome.FOUND_MATCH, result.outcome());
        assertTrue(result.verified());
        assertEquals("_connectionhub-challenge.acme.example", result.recordName());
        assertEquals(List.of("google-site-verification=abc", "connectionhub-verification=" + TOKEN), result.valuesSeen());
        assertNull(result.problem());
        assertTrue(dns.questions().contains("_connectionhub-challenge.acme.example. TXT"), dns.questions().toString());
    }

    @Test
    void aValueSplitIntoSeveralStringsIsJoined() {
        dns.txtStrings("_connectionhub-challenge.split.example", "connectionhub-verifi", "cation=" + TOKEN);

        DomainVerification result = verify("split.example", TOKEN);

        assertEquals(Outcome.FOUND_MATCH, result.outcome());
        assertEquals(List.of("connectionhub-verification=" + TOKEN), result.valuesSeen());
    }

    @Test
    void aWrongTokenIsNoMatchAndShowsWhatWasFound() {
        dns.txt("_connectionhub-challenge.stale.example", "connectionhub-verification=old-token");

        DomainVerification result = verify("stale.example", TOKEN);

        assertEquals(Outcome.NO_MATCH, result.outcome());
        assertFalse(result.verified());
        assertEquals(List.of("connectionhub-verification=old-token"), result.valuesSeen());
    }

    @ParameterizedTest
    @ValueSource(strings = { "connectionhub-verification=" + TOKEN + " ", "connectionhub-verification=qx7k2lmn9pr4",
            TOKEN, "connectionhub-verification " + TOKEN })
    void onlyTheExactValueMatches(String almost) {
        String domain = "almost" + Math.abs(almost.hashCode()) + ".example";
        dns.txt("_connectionhub-challenge." + domain, almost);

        assertEquals(Outcome.NO_MATCH, verify(domain, TOKEN).outcome());
    }

    @Test
    void aTokenOnTheDomainItselfIsNotEnough() {
        dns.txt("apex.example", "connectionhub-verification=" + TOKEN);

        assertEquals(Outcome.NO_RECORD, verify("apex.example", TOKEN).outcome());
    }

    @Test
    void anUnknownNameIsNoRecord() {
        dns.nxdomain("_connectionhub-challenge.nowhere.example");

        DomainVerification result = verify("nowhere.example", TOKEN);

        assertEquals(Outcome.NO_RECORD, result.outcome());
        assertEquals(List.of(), result.valuesSeen());
    }

    @Test
    void aNameWithoutTxtRecordsIsNoRecord() {
        assertEquals(Outcome.NO_RECORD, verify("empty.example", TOKEN).outcome());
    }

    @Test
    void aSilentServerTimesOut() {
        dns.silent("_connectionhub-challenge.slow.example");
        DomainVerifier quick = new DomainVerifier(config(dns.server(), "400ms"));
        long start = System.nanoTime();

        DomainVerification result = quick.verify("slow.example", TOKEN).await().atMost(Duration.ofSeconds(10));

        assertEquals(Outcome.TIMEOUT, result.outcome());
        assertEquals("no answer from the DNS server within 400 ms", result.problem());
        // The configured 400 ms, not the 5 s default, even on a loaded machine.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
    }

    @Test
    void aServerFailureIsAnError() {
        dns.servfail("_connectionhub-challenge.broken.example");

        DomainVerification result = verify("broken.example", TOKEN);

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals("the DNS server answered SERVFAIL", result.problem());
    }

    @Test
    void theServerSettingIsCheckedAtStartup() {
        for (String bad : new String[] { "127.0.0.1:dns", "127.0.0.1:0", "[::1", ":53", "127.0.0.1:70000" }) {
            MissingConfiguration refused = assertThrows(MissingConfiguration.class, () -> new DomainVerifier(config(bad, "1s")));
            assertEquals("connectionhub.dns.server (CONNECTIONHUB_DNS_SERVER) must be host:port, [ipv6]:port or host, not '"
                    + bad + "'", refused.getMessage());
        }
        assertDoesNotThrow(() -> new DomainVerifier(config("[::1]:5353", "1s")));
        assertDoesNotThrow(() -> new DomainVerifier(config("127.0.0.1", "1s")));
    }

    @Test
    void theResultArrivesOnTheCallersVertxContext() throws Exception {
        dns.txt("_connectionhub-challenge.context.example", "connectionhub-verification=" + TOKEN);
        Vertx vertx = Vertx.vertx();
        try {
            Context caller = vertx.getOrCreateContext();
            CompletableFuture<Context> seen = new CompletableFuture<>();
            caller.runOnContext(ignored -> verifier.verify("context.example", TOKEN)
                    .subscribe().with(result -> seen.complete(Vertx.currentContext()), seen::completeExceptionally));
            assertSame(caller, seen.get(10, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static DomainVerification verify(String domain, String token) {
        return verifier.verify(domain, token).await().atMost(Duration.ofSeconds(10));
    }

    static DnsConfig config(String server, String timeout) {
        return ConfigMappings.of(DnsConfig.class, Map.of("connectionhub.dns.server", server, "connectionhub.dns.timeout", timeout));
    }
}
