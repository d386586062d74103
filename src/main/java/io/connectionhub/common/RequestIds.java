package io.connectionhub.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new one.
 * It is echoed in the response, is the error id of a 500, and is in the logging MDC under {@code request_id}
 * (Quarkus keeps the MDC in the request's duplicated Vert.x context, so the lines logged while the request
 * runs, on its event loop, a worker it dispatched to or a database callback, carry it), so a report can be
 * matched to the log.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key: a field of every JSON log line, {@code %X{request_id}} in the text format. */
    public static final String MDC_KEY = "request_id";
    static final String KEY = "connectionhub.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        context.put(KEY, id);
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /** A random UUID from the thread's fast generator: a request id needs to be unique, not unpredictable. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String of(RoutingContext context) {
        String id = context == null ? null : context.get(KEY);
        return id != null ? id : newId();
    }
}
