package io.connectionhub.ui;

import java.net.URI;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.connectionhub.common.ApiFamily;
import io.connectionhub.common.RouteNotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may reach the pages: nobody when {@code connectionhub.ui.enabled} is false (404, as if they did not exist), and
 * a console page ({@link ConsoleSignedIn}) only with a live console session, else to the sign-in page (htmx requests
 * are told to go there with {@code HX-Redirect}).
 */
public class ConsoleAccess {

    static final String SIGN_IN = "/ui/login";

    private final UiConfig config;
    private final ConsoleSessions sessions;
    private final ConsoleCaller caller;

    public ConsoleAccess(UiConfig config, ConsoleSessions sessions, ConsoleCaller caller) {
        this.config = config;
        this.sessions = sessions;
        this.caller = caller;
    }

    /** Switched off: the pages answer as if they did not exist (a synchronous check, cheap on every request). */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 1)
    public void enabled(RoutingContext routing) {
        if (!config.enabled()) {
            String path = routing.normalizedPath();
            if (under(path, "/ui") || under(path, "/setup")) {
                throw new RouteNotFound();
            }
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @ConsoleSignedIn
    public Uni<Response> check(RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(ConsoleSessions.COOKIE);
        return sessions.find(cookie == null ? null : cookie.getValue()).map(member -> {
            if (member != null) {
                caller.signedIn(member);
                return null;
            }
            if ("true".equals(routing.request().getHeader("HX-Request"))) {
                return Response.status(401).header("HX-Redirect", SIGN_IN).build();
            }
            return Response.seeOther(URI.create(SIGN_IN)).build();
        });
    }

    private static boolean under(String path, String prefix) {
        return path != null && ApiFamily.of(path) == ApiFamily.PAGE && (path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
