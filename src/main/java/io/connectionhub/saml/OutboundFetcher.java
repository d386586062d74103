package io.connectionhub.saml;

import static io.connectionhub.saml.OutboundRequestFailed.Reason.CONNECTION_FAILED;
import static io.connectionhub.saml.OutboundRequestFailed.Reason.HTTP_STATUS;
import static io.connectionhub.saml.OutboundRequestFailed.Reason.TIMEOUT;
import static io.connectionhub.saml.OutboundRequestFailed.Reason.UNRESOLVABLE_HOST;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.INVALID_URL;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.NON_PUBLIC_ADDRESS;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.REDIRECT_DOWNGRADE;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.REDIRECT_TO_OTHER_HOST;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.SCHEME_NOT_ALLOWED;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.TOO_LARGE;
import static io.connectionhub.saml.OutboundRequestRefused.Rule.TOO_MANY_REDIRECTS;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.connectionhub.common.CallerContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches a document from a URL a client chose (IdP metadata, OIDC discovery and keys), or posts a form to one (an
 * OIDC token endpoint), without letting that client reach the service's own network: https only, public addresses
 * only, same-host redirects only (none for a POST), a size cap and one timeout for the whole exchange.
 * <p>
 * Every address the host resolves to is checked, and the connection goes to the checked address (the Host header,
 * TLS SNI and certificate check still use the name), so DNS that answers differently a second time cannot redirect
 * the request to an internal address.
 */
@ApplicationScoped
public class OutboundFetcher {

    /** {@code Accept} for IdP metadata. */
    public static final String ACCEPT_SAML_METADATA = "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8";
    /** {@code Accept} for OIDC discovery documents. */
    public static final String ACCEPT_JSON = "application/json";

    /** The answer to a {@link #post}, whatever its status: an OAuth endpoint explains a refusal in a 4xx body. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

    /** Name resolution, blocking; run on a worker thread. */
    @FunctionalInterface
    interface AddressLookup {
        InetAddress[] allByName(String host) throws UnknownHostException;
    }

    private final Vertx vertx;
    private final AddressLookup lookup;
    private final HttpClient client;
    private final boolean allowHttp;
    private final boolean allowPrivateAddresses;
    private final long maxBytes;
    private final Duration timeout;
    private final int maxRedirects;

    @Inject
    public OutboundFetcher(Vertx vertx, OutboundConfig config) {
        this(vertx, config, new HttpClientOptions());
    }

    /** With the caller's client options (trust, proxy); redirects, keep-alive, SNI and host checks are set here. */
    public OutboundFetcher(Vertx vertx, OutboundConfig config, HttpClientOptions options) {
        this(vertx, config, options, InetAddress::getAllByName);
    }

    OutboundFetcher(Vertx vertx, OutboundConfig config, HttpClientOptions options, AddressLookup lookup) {
        this.vertx = vertx;
        this.lookup = lookup;
        this.allowHttp = config.allowHttp();
        this.allowPrivateAddresses = config.allowPrivateAddresses();
        this.maxBytes = config.maxBytes().asLongValue();
        this.timeout = config.timeout();
        this.maxRedirects = config.maxRedirects();
        this.client = vertx.createHttpClient(new HttpClientOptions(options)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setVerifyHost(true)
                .setForceSni(true)
                // Fetches are rare and each goes to an address checked just before: no pooled connections.
                .setKeepAlive(false)
                .setTryUseCompression(false)
                .setMaxRedirects(0));
    }

    /**
     * The body of {@code url}, after at most {@code connectionhub.outbound.max-redirects} same-host redirects.
     * Fails with {@link OutboundRequestRefused} when a rule is broken and {@link OutboundRequestFailed} when the
     * remote side does not deliver; the outcome is emitted on the caller's Vert.x context, if it has one.
     */
    public Uni<byte[]> fetch(String url, String accept) {
        return CallerContext.emitOnCaller(Uni.createFrom().deferred(() -> get(target(url), 0, accept))
                .ifNoItem().after(timeout)
                .failWith(() -> new OutboundRequestFailed(TIMEOUT, url, "no complete answer within " + describe(timeout))));
    }

    /**
     * Posts {@code body} ({@code contentType}) with {@code headers} to {@code url} under the same rules as {@link #fetch},
     * and returns the answer of any status with its body (within the size cap). A redirect is not followed: it fails
     * with {@link OutboundRequestFailed}, as a POST must not be repeated elsewhere.
     */
    public Uni<Reply> post(String url, Map<String, String> headers, String contentType, byte[] body, String accept) {
        Call call = new Call(HttpMethod.POST, accept, headers, contentType, Buffer.buffer(body), true);
        return CallerContext.emitOnCaller(Uni.createFrom().deferred(() -> {
            Target target = target(url);
            return publicAddress(target).chain(address -> exchange(target, address, call)).map(answer -> {
                if (answer.location() != null) {
                    throw new OutboundRequestFailed(HTTP_STATUS, url, "answered HTTP " + answer.status()
                            + " with a redirect to " + answer.location() + "; a POST is not redirected");
                }
                return new Reply(answer.status(), answer.contentType(), answer.body());
            });
        }).ifNoItem().after(timeout)
                .failWith(() -> new OutboundRequestFailed(TIMEOUT, url, "no complete answer within " + describe(timeout))));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private Uni<byte[]> get(Target target, int redirects, String accept) {
        return publicAddress(target)
                .chain(address -> exchange(target, address, new Call(HttpMethod.GET, accept, Map.of(), null, null, false)))
                .chain(answer -> answer.location() == null ? Uni.createFrom().item(answer.body())
                        : Uni.createFrom().deferred(() -> get(redirect(target, answer.location(), redirects),
                                redirects + 1, accept)));
    }

    /** A URL this fetcher may request, or the rule it breaks. */
    private Target target(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new OutboundRequestRefused(INVALID_URL, String.valueOf(url), "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new OutboundRequestRefused(SCHEME_NOT_ALLOWED, url,
                    allowHttp ? "only http and https URLs are fetched" : "only https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new OutboundRequestRefused(INVALID_URL, url, "not an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRequestRefused(INVALID_URL, url, "URLs carrying credentials are not fetched");
        }
        return new Target(url, scheme.equals("https"), uri);
    }

    private Target redirect(Target from, String location, int redirects) {
        if (redirects >= maxRedirects) {
            throw new OutboundRequestRefused(TOO_MANY_REDIRECTS, from.url(), "more than " + maxRedirects + " redirects");
        }
        URI next;
        try {
            next = from.uri().resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new OutboundRequestFailed(HTTP_STATUS, from.url(), "redirects to an invalid Location '" + location + "'");
        }
        if (from.https() && "http".equalsIgnoreCase(next.getScheme())) {
            throw new OutboundRequestRefused(REDIRECT_DOWNGRADE, from.url(), "it redirects from https to http (" + next + ")");
        }
        if (next.getHost() == null || !next.getHost().equalsIgnoreCase(from.uri().getHost())) {
            throw new OutboundRequestRefused(REDIRECT_TO_OTHER_HOST, from.url(), "it redirects to another host (" + next
                    + "); redirects are followed on the same host only");
        }
        return target(next.toString());
    }

    /** All addresses of the host, each checked; the first is the one connected to. */
    private Uni<InetAddress> publicAddress(Target target) {
        String host = target.hostName();
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> lookup.allByName(host), false)
                .toCompletionStage())
                .onFailure(UnknownHostException.class).transform(e -> unresolvable(target))
                .map(addresses -> {
                    if (addresses.length == 0) {
                        throw unresolvable(target);
                    }
                    if (!allowPrivateAddresses) {
                        for (InetAddress address : addresses) {
                            Optional<String> kind = PublicAddresses.nonPublicKind(address);
                            if (kind.isPresent()) {
                                throw new OutboundRequestRefused(NON_PUBLIC_ADDRESS, target.url(),
                                        describe(host, address) + kind.get() + "; only public addresses are fetched");
                            }
                        }
                    }
                    return addresses[0];
                });
    }

    private static OutboundRequestFailed unresolvable(Target target) {
        return new OutboundRequestFailed(UNRESOLVABLE_HOST, target.url(), "the host " + target.hostName() + " does not resolve");
    }

    /** "10.0.0.1 is " for an address literal, "idp.example resolves to 10.0.0.1, " for a name. */
    private static String describe(String host, InetAddress address) {
        boolean literal = host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
        return literal ? host + " is " : host + " resolves to " + address.getHostAddress() + ", ";
    }

    /** One request to one checked address: a body within the cap, or a redirect's Location. */
    private Uni<Answer> exchange(Target target, InetAddress address, Call call) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
            AtomicBoolean finished = new AtomicBoolean();
            AtomicBoolean terminated = new AtomicBoolean();
            // A timeout cancels the fetch: drop the connection instead of reading on.
            emitter.onTermination(() -> {
                terminated.set(true);
                HttpClientRequest request = inFlight.get();
                if (request != null && !finished.get()) {
                    request.reset();
                }
            });
            RequestOptions options = new RequestOptions()
                    .setMethod(call.method())
                    .setHost(target.hostName())
                    .setPort(target.port())
                    .setSsl(target.https())
                    .setURI(target.requestUri())
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(withoutName(address), target.port())))
                    .setFollowRedirects(false)
                    .putHeader(HttpHeaders.ACCEPT, call.accept())
                    .putHeader(HttpHeaders.USER_AGENT, "connection-hub");
            call.headers().forEach(options::putHeader);
            if (call.contentType() != null) {
                options.putHeader(HttpHeaders.CONTENT_TYPE, call.contentType());
            }
            // The response's handlers must be in place before its body arrives: listening on the request's own
            // response (not on a composed future, whose callback may be scheduled as a separate task, after the
            // end of a small body has already been read) keeps them on the stream's context, in order.
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    emitter.fail(connectionFailed(target, created.cause()));
                    return;
                }
                HttpClientRequest request = created.result();
                inFlight.set(request);
                if (terminated.get()) {
                    request.reset();
                    return;
                }
                request.response().onComplete(sent -> answer(target, sent, call, emitter, finished));
                if (call.body() == null) {
                    request.end();
                } else {
                    request.end(call.body());
                }
            });
        });
    }

    /** The response's head: a redirect, a refusal, or the body to read. */
    private void answer(Target target, AsyncResult<HttpClientResponse> sent, Call call,
            UniEmitter<? super Answer> emitter, AtomicBoolean finished) {
        if (sent.failed()) {
            emitter.fail(connectionFailed(target, sent.cause()));
            return;
        }
        HttpClientResponse response = sent.result();
        int status = response.statusCode();
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (REDIRECTS.contains(status) && location != null) {
            discard(response);
            emitter.complete(new Answer(status, null, null, location));
        } else if ((status < 200 || status > 299) && !call.everyStatus()) {
            discard(response);
            emitter.fail(new OutboundRequestFailed(HTTP_STATUS, target.url(), "answered HTTP " + status));
        } else if (declaredLength(response) > maxBytes) {
            discard(response);
            emitter.fail(tooLarge(target));
        } else {
            readBody(target, response, emitter, finished);
        }
    }

    private void readBody(Target target, HttpClientResponse response, UniEmitter<? super Answer> emitter,
            AtomicBoolean finished) {
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + (long) chunk.length() > maxBytes) {
                discard(response);
                emitter.fail(tooLarge(target));
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(failure -> emitter.fail(connectionFailed(target, failure)));
        response.endHandler(ignored -> {
            finished.set(true);
            emitter.complete(new Answer(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE),
                    body.getBytes(), null));
        });
    }

    /** The bare address, so that the client has no name it could resolve again. */
    private static InetAddress withoutName(InetAddress address) {
        try {
            return address instanceof Inet6Address v6 ? Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopeId())
                    : InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("An address of a resolved host has a valid length", e);
        }
    }

    /** Drops a response whose body is not wanted, before the outcome is emitted; the reset is expected, not an error. */
    private static void discard(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {
        });
        response.request().reset();
    }

    private OutboundRequestRefused tooLarge(Target target) {
        return new OutboundRequestRefused(TOO_LARGE, target.url(), "the response is larger than " + maxBytes + " bytes");
    }

    private static long declaredLength(HttpClientResponse response) {
        try {
            String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static OutboundRequestFailed connectionFailed(Target target, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new OutboundRequestFailed(CONNECTION_FAILED, target.url(), "could not connect or read (" + detail + ")");
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A URL that passed the scheme and syntax rules. */
    private record Target(String url, boolean https, URI uri) {

        /** The host without IPv6 brackets. */
        String hostName() {
            String host = uri.getHost();
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        int port() {
            return uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        }

        String requestUri() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** A status with its body, or the Location of a redirect. */
    private record Answer(int status, String contentType, byte[] body, String location) {
    }

    /** What to send: method, headers and body (null for none); {@code everyStatus}: read the body of any status. */
    private record Call(HttpMethod method, String accept, Map<String, String> headers, String contentType, Buffer body,
            boolean everyStatus) {
    }
}
