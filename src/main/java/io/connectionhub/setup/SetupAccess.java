package io.connectionhub.setup;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.connectionhub.page.PageRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The portal's pages need a live portal session (from opening a setup link); its link's organization is all they may
 * touch. Once the link is completed the portal is read-only.
 */
public class SetupAccess {

    private final SetupSessions sessions;
    private final SetupCaller caller;

    public SetupAccess(SetupSessions sessions, SetupCaller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    @SetupSignedIn
    public Uni<Response> check(RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(SetupSessions.COOKIE);
        return sessions.find(cookie == null ? null : cookie.getValue()).map(link -> {
            if (link == null) {
                throw new PageRefused(401, "Your setup session has ended, or this browser never opened a setup link. "
                        + "Open the link you were sent again, or ask for a new one.");
            }
            if (link.completedAt() != null && !"GET".equals(routing.request().method().name())) {
                throw new PageRefused(409, "This setup is complete; nothing can be changed through this link any more.");
            }
            caller.opened(link);
            return null;
        });
    }
}
