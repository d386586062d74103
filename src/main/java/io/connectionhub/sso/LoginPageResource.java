package io.connectionhub.sso;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The sign-in pages (under {@code /u}, so their forms carry the CSRF token): the identifier-first page (the email,
 * routed to the organization whose verified domain it is, or to a database connection), the password form of
 * database connections, and the choice among an organization's connections. {@code state} is the pending request.
 */
@Path("/u/login")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class LoginPageResource {

    @CheckedTemplate(basePath = "sso")
    static class Templates {
        static native TemplateInstance identifier(String state, String application, String email, String error);

        static native TemplateInstance password(String state, String application, String connection, String email,
                String error);

        static native TemplateInstance organization(String state, String application, List<SignInConnection> choices);
    }

    private final SignInStart start;
    private final PasswordLogin passwords;

    public LoginPageResource(SignInStart start, PasswordLogin passwords) {
        this.start = start;
        this.passwords = passwords;
    }

    @GET
    @Path("/identifier")
    @Operation(hidden = true)
    public Uni<TemplateInstance> identifier(@RestQuery String state) {
        return start.active(state).chain(request -> start.client(request)
                .map(client -> Templates.identifier(request.id(), client.name(), request.loginHint(), null)));
    }

    @POST
    @Path("/identifier")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> submitIdentifier(@RestForm String state, @RestForm String email,
            @Context HttpServerRequest http) {
        return start.identifier(state, email, Browser.of(http)).chain(outcome -> outcome.redirect() != null
                ? Uni.createFrom().item(seeOther(outcome))
                : start.active(state).chain(request -> start.client(request).map(client -> page(outcome.status(),
                        Templates.identifier(request.id(), client.name(), printableOrNull(email), outcome.error())))));
    }

    @GET
    @Path("/password")
    @Operation(hidden = true)
    public Uni<TemplateInstance> password(@RestQuery String state) {
        return passwords.form(state).map(form -> Templates.password(form.request().id(), form.application(),
                form.connection().label(), form.request().loginHint(), null));
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> submitPassword(@RestForm String state, @RestForm String email, @RestForm String password,
            @Context HttpServerRequest http) {
        return passwords.attempt(state, email, password, Browser.of(http)).chain(outcome -> outcome.redirect() != null
                ? Uni.createFrom().item(seeOther(outcome))
                : passwords.form(state).map(form -> page(outcome.status(), Templates.password(form.request().id(),
                        form.application(), form.connection().label(), printableOrNull(email), outcome.error()))));
    }

    @GET
    @Path("/organization")
    @Operation(hidden = true)
    public Uni<TemplateInstance> organization(@RestQuery String state) {
        return start.active(state).chain(request -> start.client(request).chain(client -> start.choices(state)
                .map(choices -> Templates.organization(request.id(), client.name(), choices))));
    }

    @POST
    @Path("/organization")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> chooseConnection(@RestForm String state, @RestForm String connection,
            @Context HttpServerRequest http) {
        return start.choose(state, connection, Browser.of(http))
                .map(location -> Response.seeOther(location).build());
    }

    private static Response seeOther(FormOutcome outcome) {
        return Response.seeOther(outcome.redirect()).build();
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    private static String printableOrNull(String value) {
        return value != null && value.length() <= 254 && AuthorizationRequest.printable(value) ? value : null;
    }
}
