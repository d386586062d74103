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

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance login(String email, FormErrors errors);
    }

    private final MemberService members;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;

    public SignInResource(MemberService members, ConsoleSessions sessions, SignInThrottle throttle) {
        this.members = members;
        this.sessions = sessions;
        this.throttle = throttle;
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
        String key = given.length() > 320 ? given.substring(0, 320) : given;
        return throttle.admit(key, ip).chain(admitted -> {
            if (!admitted) {
                return Uni.createFrom().item(page(429, given, FormErrors.of("email", "Email", "Too many failed sign-ins "
                        + "for this email from your address. Try again in " + throttle.block().toMinutes() + " minutes.")));
            }
            return members.authenticate(given, password).chain(member -> {
                if (member == null) {
                    return Uni.createFrom().item(page(401, given, FormErrors.of("password", "Password", WRONG)));
                }
                return throttle.succeeded(key, ip).chain(() -> sessions.start(member))
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
