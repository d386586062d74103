package io.connectionhub.ui;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.connectionhub.auth.LoginThrottle;
import io.connectionhub.tenant.MemberService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/** The console's sign-in and sign-out. */
@Path("/ui")
public class SignInResource {

    static final String WRONG = "Wrong email or password.";
    /** The console's sign-ins in the shared brute-force table (database logins count per connection). */
    static final String THROTTLE_SCOPE = "console";

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance login(String email, FormErrors errors);
    }

    private final MemberService members;
    private final ConsoleSessions sessions;
    private final LoginThrottle throttle;
    private final LoginThrottle.Policy policy;

    public SignInResource(MemberService members, ConsoleSessions sessions, LoginThrottle throttle, UiConfig config) {
        this.members = members;
        this.sessions = sessions;
        this.throttle = throttle;
        this.policy = new LoginThrottle.Policy(true, config.signIn().maxFailures(), config.signIn().block());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/ui/connections")).build();
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance form() {
        return Templates.login("", FormErrors.none());
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> signIn(@RestForm("email") String email, @RestForm("password") String password,
            RoutingContext routing) {
        String given = email == null ? "" : email.strip();
        if (given.isEmpty() || password == null || password.isEmpty()) {
            FormErrors errors = FormErrors.none();
            if (given.isEmpty()) {
                errors = errors.and(FormErrors.of("email", "Email", "Email: enter the email you were given access with."));
            }
            if (password == null || password.isEmpty()) {
                errors = errors.and(FormErrors.of("password", "Password", "Password: enter your password."));
            }
            return Uni.createFrom().item(page(400, given, errors));
        }
        String ip = routing.request().remoteAddress() == null ? "unknown" : routing.request().remoteAddress().hostAddress();
        String key = (given.length() > 320 ? given.substring(0, 320) : given).toLowerCase(java.util.Locale.ROOT);
        return throttle.begin(THROTTLE_SCOPE, key, ip, policy).chain(attempt -> {
            if (!attempt.allowed()) {
                return Uni.createFrom().item(page(429, given, FormErrors.of("email", "Email", "Too many failed sign-ins "
                        + "for this email from your address. Try again in " + policy.block().toMinutes() + " minutes.")));
            }
            return members.authenticate(given, password).chain(member -> {
                if (member == null) {
                    return Uni.createFrom().item(page(401, given, FormErrors.of("password", "Password", WRONG)));
                }
                return throttle.succeeded(THROTTLE_SCOPE, key, ip).chain(() -> sessions.start(member))
                        .map(cookie -> Response.seeOther(URI.create("/ui/connections")).cookie(newCookie(cookie)).build());
            });
        });
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> signOut(RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(ConsoleSessions.COOKIE);
        return sessions.find(cookie == null ? null : cookie.getValue())
                .chain(member -> member == null ? Uni.createFrom().voidItem() : sessions.end(member))
                .map(ignored -> Response.seeOther(URI.create(ConsoleAccess.SIGN_IN))
                        .cookie(newCookie(sessions.removal())).build());
    }

    private static Response page(int status, String email, FormErrors errors) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.login(email, errors).render()).build();
    }

    static NewCookie newCookie(Cookie cookie) {
        return new NewCookie.Builder(cookie.getName()).value(cookie.getValue()).path(cookie.getPath())
                .httpOnly(cookie.isHttpOnly()).secure(cookie.isSecure()).maxAge((int) cookie.getMaxAge())
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
