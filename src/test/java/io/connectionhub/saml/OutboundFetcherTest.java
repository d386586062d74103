package io.connectionhub.saml;

import static io.connectionhub.saml.OutboundRequestFailed.Reason.CONNECTION_FAILED;
import static io.connectionhub.saml.OutboundRequestFailed.Reason.HTTP_STATUS;
import static io.connectionhub.saml.OutboundRequestFailed.Reason.TIMEOUT;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.INVALID_URL;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.NON_PUBLIC_ADDRESS;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.REDIRECT_DOWNGRADE;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.REDIRECT_TO_OTHER_HOST;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.SCHEME_NOT_ALLOWED;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.TOO_LARGE;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.TOO_MANY_REDIRECTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.connectionhub.support.ConfigMappings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * The fetcher against loopback servers it is configured to reach (http and private addresses allowed), and the
 * default configuration's refusals, which need no server since they happen before any connection.
 */
class OutboundFetcherTest {

    static final String ACCEPT = "application/samlmetadata+xml, application/xml";
    static final int ONE_MB = 1024 * 1024;
    static final byte[] METADATA = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"
            .getBytes(StandardCharsets.UTF_8);

    static Vertx vertx;
    // The servers run on their own Vert.x, so that nothing the client side does can stall them.
    static Vertx serverVertx;
    static TestCertificates.TlsIdentity tls;
    static String base;
    static int httpPort;
    static int httpsPort;
    static final AtomicBoolean streamAborted = new AtomicBoolean();
    static final AtomicLong streamSent = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        serverVertx = Vertx.vertx();
        httpPort = await(serverVertx.createHttpServer().requestHandler(OutboundFetcherTest::serveHttp)
                .listen(0, "127.0.0.1")).actualPort();
        base = "http://127.0.0.1:" + httpPort;

        tls = TestCertificates.tlsIdentity("localhost");
        httpsPort = await(serverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.certificatePem()))
                        .setKeyValue(Buffer.buffer(tls.keyPem()))))
                .requestHandler(request -> {
                    if (request.path().equals("/downgrade")) {
                        request.response().setStatusCode(302)
                                .putHeader("Location", "http://localhost:" + httpPort + "/metadata").end();
                    } else {
                        request.response().end("sni=" + request.connection().indicatedServerName() + " host="
                                + request.getHeader("Host"));
                    }
                })
                .listen(0, "127.0.0.1")).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        await(serverVertx.close());
    }

    static void serveHttp(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/metadata" -> response.end(Buffer.buffer(METADATA));
            case "/host" -> response.end(request.getHeader("Host"));
            case "/accept" -> response.end(request.getHeader("Accept"));
            case "/same-host" -> redirect(response, "/metadata");
            case "/hop" -> {
                int hop = Integer.parseInt(request.query());
                redirect(response, hop == 0 ? "/metadata" : "/hop?" + (hop - 1));
            }
            case "/other-host" -> redirect(response, "http://localhost:" + httpPort + "/metadata");
            case "/missing" -> response.setStatusCode(404).end("no");
            case "/echo-post" -> request.body().onSuccess(body -> response.putHeader("Content-Type", "text/plain")
                    .end(request.method() + " " + request.getHeader("Content-Type") + " "
                            + request.getHeader("Authorization") + " " + body));
            case "/refuse-post" -> response.setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"invalid_grant\"}");
            case "/exactly-1mb" -> response.end(Buffer.buffer(new byte[ONE_MB]));
            case "/declared-too-large" -> response.end(Buffer.buffer(new byte[ONE_MB + 1]));
            case "/streamed-too-large" -> stream(response);
            case "/slow" -> serverVertx.setTimer(10_000, id -> {
                if (!response.closed()) {
                    response.end(Buffer.buffer(METADATA));
                }
            });
            case "/trickle" -> {
                response.setChunked(true);
                long timer = serverVertx.setPeriodic(200, id -> {
                    if (!response.closed()) {
                        response.write("x");
                    }
                });
                response.closeHandler(ignored -> serverVertx.cancelTimer(timer));
            }
            default -> response.setStatusCode(500).end("unknown test path " + request.path());
        }
    }

    static void redirect(HttpServerResponse response, String location) {
        response.setStatusCode(302).putHeader("Location", location).end();
    }

    /** Up to 256 MB in 64 KB chunks, as fast as the client reads; notes when the client hangs up. */
    static void stream(HttpServerResponse response) {
        streamSent.set(0);
        response.setChunked(true);
        response.closeHandler(ignored -> streamAborted.set(true));
        pump(response, Buffer.buffer(new byte[64 * 1024]));
    }

    static void pump(HttpServerResponse response, Buffer chunk) {
        while (!response.closed() && !response.writeQueueFull() && streamSent.get() < 256L * ONE_MB) {
            response.write(chunk);
            streamSent.addAndGet(chunk.length());
        }
        if (response.closed()) {
            return;
        }
        if (streamSent.get() < 256L * ONE_MB) {
            response.drainHandler(ignored -> pump(response, chunk));
        } else {
            response.end();
        }
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void defaultsAreTheContracts() {
        OutboundConfig config = ConfigMappings.of(OutboundConfig.class, Map.of());

        assertFalse(config.allowHttp());
        assertFalse(config.allowPrivateAddresses());
        assertEquals(ONE_MB, config.maxBytes().asLongValue());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertEquals(3, config.maxRedirects());
    }

    @Test
    void fetchesFromALoopbackServerWhenConfiguredTo() {
        assertArrayEquals(METADATA, fetch(permissive(), base + "/metadata"));
        assertEquals(ACCEPT, text(fetch(permissive(), base + "/accept")));
    }

    @Test
    void theHostHeaderKeepsTheNameWhileTheConnectionGoesToTheCheckedAddress() {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive(), new HttpClientOptions(), LOCALHOST_V4);

        assertEquals("localhost:" + httpPort, text(fetcher.fetch("http://localhost:" + httpPort + "/host", ACCEPT)
                .await().atMost(Duration.ofSeconds(30))));
    }

    @Test
    void sameHostRedirectsAreFollowedUpToTheLimit() {
        assertArrayEquals(METADATA, fetch(permissive(), base + "/same-host"));
        assertArrayEquals(METADATA, fetch(permissive(), base + "/hop?2"));

        OutboundRequestRefused refused = refusal(permissive(), base + "/hop?3");
        assertEquals(TOO_MANY_REDIRECTS, refused.rule());
        assertEquals(base + "/hop?0 refused: more than 3 redirects", refused.getMessage());
    }

    @Test
    void redirectToAnotherHostIsRefused() {
        OutboundRequestRefused refused = refusal(permissive(), base + "/other-host");

        assertEquals(REDIRECT_TO_OTHER_HOST, refused.rule());
        assertEquals(base + "/other-host refused: it redirects to another host (http://localhost:" + httpPort
                + "/metadata); redirects are followed on the same host only", refused.getMessage());
    }

    @Test
    void httpIsRefusedByDefault() {
        OutboundRequestRefused refused = refusal(defaults(), "http://idp.example.com/metadata");

        assertEquals(SCHEME_NOT_ALLOWED, refused.rule());
        assertEquals("http://idp.example.com/metadata refused: only https URLs are fetched", refused.getMessage());
        assertEquals("http://idp.example.com/metadata", refused.url());
    }

    @Test
    void otherSchemesAreRefusedEvenWhenHttpIsAllowed() {
        OutboundRequestRefused refused = refusal(permissive(), "file:///etc/passwd");
        assertEquals(SCHEME_NOT_ALLOWED, refused.rule());
        assertEquals("file:///etc/passwd refused: only http and https URLs are fetched", refused.getMessage());

        assertEquals("gopher://127.0.0.1:6379/_INFO refused: only https URLs are fetched",
                refusal(defaults(), "gopher://127.0.0.1:6379/_INFO").getMessage());
    }

    @Test
    void malformedUrlsAndCredentialsAreRefused() {
        assertEquals("https://user:secret@idp.example.com/ refused: URLs carrying credentials are not fetched",
                refusal(defaults(), "https://user:secret@idp.example.com/").getMessage());
        assertEquals(INVALID_URL, refusal(defaults(), "https:///no-host").rule());
        assertEquals("https://idp example.com/ refused: not a valid URL", refusal(defaults(), "https://idp example.com/").getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://127.0.0.1/metadata       | 127.0.0.1 is a loopback address",
            "https://127.8.9.10:8443/x        | 127.8.9.10 is a loopback address",
            "https://10.1.2.3/metadata        | 10.1.2.3 is a private address",
            "https://172.16.0.9/metadata      | 172.16.0.9 is a private address",
            "https://192.168.1.1/metadata     | 192.168.1.1 is a private address",
            "https://169.254.169.254/latest   | 169.254.169.254 is a link-local address",
            "https://100.64.0.1/metadata      | 100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)",
            "https://0.0.0.0/metadata         | 0.0.0.0 is an unspecified (any-local) address",
            "https://224.0.0.1/metadata       | 224.0.0.1 is a multicast address",
            "https://[::1]/metadata           | ::1 is a loopback address",
            "https://[::]/metadata            | :: is an unspecified (any-local) address",
            "https://[fe80::1]/metadata       | fe80::1 is a link-local address",
            "https://[fd12:3456::1]/metadata  | fd12:3456::1 is a unique-local address (fc00::/7)",
            "https://[::ffff:10.0.0.1]/x      | ::ffff:10.0.0.1 is a private address",
            "https://[::ffff:127.0.0.1]/x     | ::ffff:127.0.0.1 is a loopback address",
            "https://[64:ff9b::a9fe:a9fe]/x   | 64:ff9b::a9fe:a9fe is a link-local address (169.254.169.254 embedded in IPv6)",
            "https://[2002:a00:1::1]/x        | 2002:a00:1::1 is a private address (10.0.0.1 embedded in IPv6)",
    })
    void nonPublicAddressesAreRefusedByDefault(String url, String problem) {
        OutboundRequestRefused refused = refusal(defaults(), url);

        assertEquals(NON_PUBLIC_ADDRESS, refused.rule());
        assertEquals(url + " refused: " + problem + "; only public addresses are fetched", refused.getMessage());
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedByItsAddress() throws Exception {
        String first = InetAddress.getAllByName("localhost")[0].getHostAddress();

        OutboundRequestRefused refused = refusal(defaults(), "https://localhost/metadata");

        assertEquals(NON_PUBLIC_ADDRESS, refused.rule());
        assertEquals("https://localhost/metadata refused: localhost resolves to " + first
                + ", a loopback address; only public addresses are fetched", refused.getMessage());
    }

    @Test
    void everyAddressANameResolvesToIsChecked() throws Exception {
        InetAddress[] mixed = { InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7") };
        OutboundFetcher fetcher = new OutboundFetcher(vertx, defaults(), new HttpClientOptions(), host -> mixed);

        OutboundRequestRefused refused = assertThrows(OutboundRequestRefused.class,
                () -> fetcher.fetch("https://mixed.example/metadata", ACCEPT).await().atMost(Duration.ofSeconds(10)));

        assertEquals(NON_PUBLIC_ADDRESS, refused.rule());
        assertEquals("https://mixed.example/metadata refused: mixed.example resolves to 10.0.0.7, a private address; "
                + "only public addresses are fetched", refused.getMessage());
    }

    @Test
    void theConnectionGoesToTheAddressThatWasChecked() {
        // idp.rebind.test resolves only through this lookup, and the address it gives carries that name: had the
        // client resolved the name again, it would fail.
        AtomicLong lookups = new AtomicLong();
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive(), new HttpClientOptions(), host -> {
            assertEquals("idp.rebind.test", host);
            lookups.incrementAndGet();
            return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };
        });
        String url = "http://idp.rebind.test:" + httpPort;

        assertEquals("idp.rebind.test:" + httpPort, text(fetcher.fetch(url + "/host", ACCEPT).await().atMost(Duration.ofSeconds(10))));
        assertEquals(1, lookups.get());

        // Each redirect hop is resolved and checked again.
        assertArrayEquals(METADATA, fetcher.fetch(url + "/same-host", ACCEPT).await().atMost(Duration.ofSeconds(10)));
        assertEquals(3, lookups.get());
    }

    @Test
    void aNameThatDoesNotResolveFails() {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, defaults(), new HttpClientOptions(), host -> {
            throw new java.net.UnknownHostException(host);
        });

        OutboundRequestFailed failed = assertThrows(OutboundRequestFailed.class,
                () -> fetcher.fetch("https://gone.example/metadata", ACCEPT).await().atMost(Duration.ofSeconds(10)));

        assertEquals(OutboundRequestFailed.Reason.UNRESOLVABLE_HOST, failed.reason());
        assertEquals("https://gone.example/metadata: the host gone.example does not resolve", failed.getMessage());
    }

    @Test
    void privateAddressesStayRefusedWhenOnlyHttpIsAllowed() {
        OutboundConfig httpOnly = ConfigMappings.of(OutboundConfig.class, Map.of("connectionhub.outbound.allow-http", "true"));
        assertEquals(NON_PUBLIC_ADDRESS, refusal(httpOnly, base + "/metadata").rule());
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() {
        assertEquals(ONE_MB, fetch(permissive(), base + "/exactly-1mb").length);
    }

    @Test
    void aBodyDeclaredOverTheCapIsRefused() {
        OutboundRequestRefused refused = refusal(permissive(), base + "/declared-too-large");

        assertEquals(TOO_LARGE, refused.rule());
        assertEquals(base + "/declared-too-large refused: the response is larger than 1048576 bytes", refused.getMessage());
    }

    @Test
    void aStreamedBodyIsCutOffOnceItPassesTheCap() throws Exception {
        streamAborted.set(false);
        OutboundRequestRefused refused = refusal(permissive(), base + "/streamed-too-large");

        assertEquals(TOO_LARGE, refused.rule());
        assertEquals(base + "/streamed-too-large refused: the response is larger than 1048576 bytes", refused.getMessage());
        // The server would stream 256 MB; the fetcher dropped the connection long before.
        for (int i = 0; i < 100 && !streamAborted.get(); i++) {
            Thread.sleep(50);
        }
        assertTrue(streamAborted.get(), "the server saw the connection close");
        assertTrue(streamSent.get() < 64L * ONE_MB, "sent " + streamSent.get());
    }

    @Test
    void aSlowServerTimesOut() {
        OutboundConfig config = permissive("connectionhub.outbound.timeout", "1s");
        long start = System.nanoTime();

        OutboundRequestFailed failed = failure(config, base + "/slow");

        assertEquals(TIMEOUT, failed.reason());
        assertEquals(base + "/slow: no complete answer within 1 s", failed.getMessage());
        // Well before the server's 10 s, even on a loaded machine.
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(8)) < 0);
    }

    @Test
    void theTimeoutCoversTheWholeBodyNotJustTheFirstByte() {
        OutboundRequestFailed failed = failure(permissive("connectionhub.outbound.timeout", "700ms"), base + "/trickle");

        assertEquals(TIMEOUT, failed.reason());
        assertEquals(base + "/trickle: no complete answer within 700 ms", failed.getMessage());
    }

    @Test
    void anErrorStatusFails() {
        OutboundRequestFailed failed = failure(permissive(), base + "/missing");

        assertEquals(HTTP_STATUS, failed.reason());
        assertEquals(base + "/missing: answered HTTP 404", failed.getMessage());
    }

    @Test
    void tlsUsesTheHostNameForSniAndCertificateCheckWhileConnectingToTheAddress() {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive(), trusting(), LOCALHOST_V4);

        String answer = text(fetcher.fetch("https://localhost:" + httpsPort + "/", ACCEPT).await().atMost(Duration.ofSeconds(10)));
        assertEquals("sni=localhost host=localhost:" + httpsPort, answer);

        // The same server by its address: the certificate names localhost only, so the host check refuses it.
        OutboundRequestFailed failed = assertThrows(OutboundRequestFailed.class, () -> fetcher
                .fetch("https://127.0.0.1:" + httpsPort + "/", ACCEPT).await().atMost(Duration.ofSeconds(10)));
        assertEquals(CONNECTION_FAILED, failed.reason());
    }

    @Test
    void redirectFromHttpsToHttpIsRefused() {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive(), trusting(), LOCALHOST_V4);

        OutboundRequestRefused refused = assertThrows(OutboundRequestRefused.class, () -> fetcher
                .fetch("https://localhost:" + httpsPort + "/downgrade", ACCEPT).await().atMost(Duration.ofSeconds(10)));

        assertEquals(REDIRECT_DOWNGRADE, refused.rule());
        assertEquals("https://localhost:" + httpsPort + "/downgrade refused: it redirects from https to http "
                + "(http://localhost:" + httpPort + "/metadata)", refused.getMessage());
    }

    @Test
    void outcomesArriveOnTheCallersVertxContext() throws Exception {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive("connectionhub.outbound.timeout", "500ms"));
        Context caller = vertx.getOrCreateContext();

        CompletableFuture<Context> item = new CompletableFuture<>();
        caller.runOnContext(ignored -> fetcher.fetch(base + "/metadata", ACCEPT)
                .subscribe().with(body -> item.complete(Vertx.currentContext()), item::completeExceptionally));
        assertSame(caller, item.get(10, TimeUnit.SECONDS));

        CompletableFuture<Context> timeout = new CompletableFuture<>();
        caller.runOnContext(ignored -> fetcher.fetch(base + "/slow", ACCEPT)
                .subscribe().with(body -> timeout.completeExceptionally(new AssertionError("no timeout")),
                        failure -> timeout.complete(Vertx.currentContext())));
        assertSame(caller, timeout.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPostSendsItsBodyAndHeadersAndReadsAnyStatus() {
        OutboundFetcher fetcher = new OutboundFetcher(vertx, permissive());

        OutboundFetcher.Reply echoed = post(fetcher, base + "/echo-post");
        assertEquals(200, echoed.status());
        assertEquals("text/plain", echoed.contentType());
        assertEquals("POST application/x-www-form-urlencoded Basic abc a=1&b=2", text(echoed.body()));

        OutboundFetcher.Reply refused = post(fetcher, base + "/refuse-post");
        assertEquals(400, refused.status());
        assertEquals("{\"error\":\"invalid_grant\"}", text(refused.body()));
    }

    @Test
    void aPostIsNotRedirected() {
        OutboundRequestFailed failed = assertThrows(OutboundRequestFailed.class,
                () -> post(new OutboundFetcher(vertx, permissive()), base + "/same-host"));

        assertEquals(HTTP_STATUS, failed.reason());
        assertEquals(base + "/same-host: answered HTTP 302 with a redirect to /metadata; a POST is not redirected",
                failed.getMessage());
    }

    @Test
    void aPostFollowsTheSameRulesAsAFetch() {
        OutboundFetcher strict = new OutboundFetcher(vertx, defaults());

        assertEquals(SCHEME_NOT_ALLOWED, assertThrows(OutboundRequestRefused.class,
                () -> post(strict, base + "/echo-post")).rule());
        assertEquals(NON_PUBLIC_ADDRESS, assertThrows(OutboundRequestRefused.class,
                () -> post(new OutboundFetcher(vertx, permissive("connectionhub.outbound.allow-private-addresses",
                        "false")), base + "/echo-post")).rule());
        assertEquals(TOO_LARGE, assertThrows(OutboundRequestRefused.class,
                () -> post(new OutboundFetcher(vertx, permissive("connectionhub.outbound.max-bytes", "10")),
                        base + "/echo-post")).rule());
    }

    @Test
    void refusalsAreDomainExceptions() {
        assertInstanceOf(io.connectionhub.common.DomainException.class, refusal(defaults(), "http://x.example/"));
        assertInstanceOf(io.connectionhub.common.DomainException.class, failure(permissive(), base + "/missing"));
    }

    // Helpers

    static OutboundConfig defaults() {
        return ConfigMappings.of(OutboundConfig.class, Map.of());
    }

    static OutboundConfig permissive(String... more) {
        // A generous timeout, so that a loaded build machine does not fail tests that are not about timeouts.
        Map<String, String> properties = new HashMap<>(Map.of("connectionhub.outbound.allow-http", "true",
                "connectionhub.outbound.allow-private-addresses", "true", "connectionhub.outbound.timeout", "20s"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return ConfigMappings.of(OutboundConfig.class, properties);
    }

    /** Any name as the IPv4 loopback the servers listen on, whichever address the machine lists first. */
    static final OutboundFetcher.AddressLookup LOCALHOST_V4 =
            host -> new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };

    static HttpClientOptions trusting() {
        return new HttpClientOptions().setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.certificatePem())));
    }

    static byte[] fetch(OutboundConfig config, String url) {
        return new OutboundFetcher(vertx, config).fetch(url, ACCEPT).await().atMost(Duration.ofSeconds(30));
    }

    static OutboundFetcher.Reply post(OutboundFetcher fetcher, String url) {
        return fetcher.post(url, Map.of("Authorization", "Basic abc"), "application/x-www-form-urlencoded",
                "a=1&b=2".getBytes(StandardCharsets.UTF_8), "application/json").await().atMost(Duration.ofSeconds(30));
    }

    static OutboundRequestRefused refusal(OutboundConfig config, String url) {
        return assertThrows(OutboundRequestRefused.class, () -> fetch(config, url));
    }

    static OutboundRequestFailed failure(OutboundConfig config, String url) {
        return assertThrows(OutboundRequestFailed.class, () -> fetch(config, url));
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
