package io.connectionhub.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes the default authentication-failure handler off each request before Quarkus REST's filter spends CPU on it.
 *
 * <p>Quarkus's authentication filter (priority 200) gives every request the default failure handler. A Quarkus REST
 * filter (priority 199) swaps it for one that fails the request, and REST removes that one again when it starts
 * routing the request, so that a lazy authentication's failure reaches the exception mappers (here: the family's
 * 401 body). With metrics on, the REST filter also works out the request's URI template for the metrics, building
 * a new request mapper of every resource class each time: about 7 % of the CPU of a
 * {@code GET /api/v2/connections/{id}}. Authentication is lazy here ({@code quarkus.http.auth.proactive=false}):
 * only REST resources ask for an identity, and the REST chain runs without a failure handler anyway. So this route,
 * between the two filters, removes the default handler, and the REST filter then leaves the request alone. (Vert.x
 * orders filter {@code p} at {@code -p}; among routes of one order the one added first runs first, and routes
 * observed here are added before the filters: {@code AuthFailureRoutingTest} checks the order.)
 */
@ApplicationScoped
public class AuthFailureRouting {

    /** Just before Quarkus REST's auth-failure filter ({@code ResteasyReactiveProcessor}: priority 199). */
    static final int ORDER = -199;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(AuthFailureRouting::removeDefault);
    }

    private static void removeDefault(RoutingContext context) {
        if (context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
            context.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        }
        context.next();
    }
}
