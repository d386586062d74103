package io.connectionhub.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * The one guard in front of every route against input the service cannot take: a URI or header block over our limit
 * (414, 431), a path, query or body that is not well-formed or holds what PostgreSQL cannot store (NUL, lone
 * surrogates), and a JSON or form body over its limit, also when sent without a length. Refusals get the family's
 * error shape through {@link ErrorMappers}; until now some never reached a mapper (a broken form escape left the
 * request hanging, a NUL reached the database as a 500, an over-long form was a bare 500 or 413).
 *
 * <p>JSON and form bodies are read here, within their limit, and checked whole; they are then handed to Quarkus REST
 * as the routing context's body, which it reads instead of the connection.
 */
@ApplicationScoped
public class RequestGuard {

    /** Right after {@link RequestIds} (so a refusal carries the request id), before authentication and REST. */
    static final int ORDER = Integer.MIN_VALUE + 2;

    private final int maxUriLength;
    private final int maxHeaderSize;
    private final long maxBodySize;
    private final RefusalWriter refusals;

    public RequestGuard(
            @ConfigProperty(name = "connectionhub.http.max-uri-length", defaultValue = "4096") int maxUriLength,
            @ConfigProperty(name = "connectionhub.http.max-header-size", defaultValue = "20K") MemorySize maxHeaderSize,
            @ConfigProperty(name = "connectionhub.http.max-body-size", defaultValue = "1M") MemorySize maxBodySize,
            RefusalWriter refusals) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = (int) Math.min(Integer.MAX_VALUE, maxHeaderSize.asLongValue());
        this.maxBodySize = maxBodySize.asLongValue();
        this.refusals = refusals;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    void guard(RoutingContext context) {
        try {
            checkHead(context.request());
        } catch (DomainException refusal) {
            refusals.send(context, refusal);
            return;
        }
        BodyKind kind = BodyKind.of(context.request());
        if (kind == BodyKind.OTHER || context.request().isEnded()) {
            context.next();
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !isWithin(length, maxBodySize)) {
            // BodyLimits answers a declared length over the limit (or an unreadable one) before anything is read.
            context.next();
            return;
        }
        readBody(context, kind, maxBodySize);
    }

    private void checkHead(HttpServerRequest request) {
        if (request.uri().length() > maxUriLength) {
            throw new UriTooLong(maxUriLength);
        }
        int headerSize = 0;
        for (var header : request.headers()) {
            headerSize += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerSize > maxHeaderSize) {
            throw new HeadersTooLarge(maxHeaderSize);
        }
        String path = request.path();
        String decodedPath;
        try {
            decodedPath = UrlText.decode(path == null ? "" : path, false);
        } catch (UrlText.Malformed e) {
            if (e.badEscape()) {
                throw new InvalidQuery("path", "The path has a malformed percent-encoding: " + e.getMessage());
            }
            throw new RouteNotFound();
        }
        if (decodedPath.indexOf('\0') >= 0) {
            throw new RouteNotFound();
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            UrlText.checkPairs(query, "query parameter", checksNulItself(path),
                    (name, problem) -> new InvalidQuery(name, "Query validation error: " + problem + "."));
        }
    }

    private static boolean isWithin(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void readBody(RoutingContext context, BodyKind kind, long limit) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] over = { false };
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                over[0] = true;
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!context.response().ended()) {
                context.fail(failure);
            }
        });
        request.endHandler(ended -> {
            if (over[0]) {
                refusals.send(context, new PayloadTooLarge(limit));
                return;
            }
            try {
                if (kind == BodyKind.FORM) {
                    checkForm(body, checksNulItself(request.path()));
                } else {
                    JsonText.check(body.getBytes());
                }
            } catch (DomainException refusal) {
                refusals.send(context, refusal);
                return;
            }
            ((RoutingContextInternal) context).setBody(body);
            context.next();
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // Quarkus REST would send it when it starts reading; the body is read here now.
            context.response().writeContinue();
        }
        request.resume();
    }

    /**
     * {@code /authorize} refuses a NUL in its parameters itself, the way OAuth wants: with an error redirect to the
     * application once its client and redirect URI are known good, and an error page otherwise.
     */
    private static boolean checksNulItself(String path) {
        return path != null && ApiFamily.under(path, "/authorize");
    }

    private static void checkForm(Buffer body, boolean nulCheckedLater) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequest(null, "The form is not UTF-8 text", null);
        }
        UrlText.checkPairs(text, "form field", nulCheckedLater, (name, problem) -> new InvalidRequest(name, problem,
                null));
    }

    /** The bodies read here: forms and JSON. Multipart uploads and everything else go to their readers unread. */
    enum BodyKind {
        FORM, JSON, OTHER;

        static BodyKind of(HttpServerRequest request) {
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || !hasBody(request)) {
                return OTHER;
            }
            String media = type.split(";", 2)[0].trim().toLowerCase();
            if (media.equals("application/x-www-form-urlencoded")) {
                return FORM;
            } else if (media.equals("application/json") || media.endsWith("+json")) {
                return JSON;
            }
            return OTHER;
        }

        private static boolean hasBody(HttpServerRequest request) {
            MultiMap headers = request.headers();
            String length = headers.get(HttpHeaders.CONTENT_LENGTH);
            return headers.contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.trim().equals("0"));
        }
    }
}
