package io.connectionhub.ui;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.connectionhub.common.DomainException;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.tenant.ClientRequest;
import io.connectionhub.tenant.ClientResponse;
import io.connectionhub.tenant.ClientService;
import io.connectionhub.tenant.ClientsPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** The console's applications (the tenant's clients) with their callbacks: list, create, edit. */
@Path("/ui/applications")
@ConsoleSignedIn
@Produces(MediaType.TEXT_HTML)
public class ApplicationPages {

    static final List<String> APP_TYPES = List.of("regular_web", "spa", "native", "non_interactive");
    static final FieldNames FIELDS = FieldNames.form("name", "Name").map("name", "name", "Name")
            .map("app_type", "app-type", "Type").map("callbacks", "callbacks", "Callback URLs")
            .map("token_endpoint_auth_method", "app-type", "Type");

    /** What the form shows: the values given (or stored), and the new secret when one was just made. */
    public record ApplicationForm(String clientId, String name, String appType, String callbacks, String secret) {
    }

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance applications(ClientsPage page);

        static native TemplateInstance application(ApplicationForm form, List<String> appTypes, FormErrors errors,
                String notice);
    }

    private final ClientService clients;
    private final ConsoleCaller caller;

    public ApplicationPages(ClientService clients, ConsoleCaller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("from") String from) {
        return clients.list(caller.tenantId(), PageRequest.of(null, null, null, from == null ? "" : from, 50))
                .map(page -> Templates.applications((ClientsPage) page));
    }

    @GET
    @Path("/new")
    @Operation(hidden = true)
    public TemplateInstance blank() {
        return Templates.application(new ApplicationForm(null, "", "regular_web", "", null), APP_TYPES, FormErrors.none(),
                null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> create(@RestForm("name") String name, @RestForm("app-type") String appType,
            @RestForm("callbacks") String callbacks) {
        ApplicationForm given = new ApplicationForm(null, name == null ? "" : name, appType, callbacks == null ? ""
                : callbacks, null);
        return Uni.createFrom().deferred(() -> clients.create(caller.tenantId(), request(name, appType, callbacks)))
                .map(created -> OrganizationPages.html(201, Templates.application(form(created, created.clientSecret()),
                        APP_TYPES, FormErrors.none(), "Application created.")))
                .onFailure(DomainException.class).recoverWithItem(refusal -> OrganizationPages.html(400,
                        Templates.application(given, APP_TYPES, FormErrors.from((DomainException) refusal, FIELDS), null)));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> edit(@PathParam("id") String id) {
        return clients.get(caller.tenantId(), id)
                .map(client -> Templates.application(form(client, null), APP_TYPES, FormErrors.none(), null));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> update(@PathParam("id") String id, @RestForm("name") String name,
            @RestForm("app-type") String appType, @RestForm("callbacks") String callbacks) {
        ApplicationForm given = new ApplicationForm(id, name == null ? "" : name, appType, callbacks == null ? ""
                : callbacks, null);
        return Uni.createFrom().deferred(() -> clients.update(caller.tenantId(), id, request(name, appType, callbacks)))
                .map(updated -> OrganizationPages.html(200, Templates.application(form(updated, null), APP_TYPES,
                        FormErrors.none(), "Saved.")))
                .onFailure(failure -> failure instanceof DomainException && !(failure instanceof NotFound))
                .recoverWithItem(refusal -> OrganizationPages.html(400, Templates.application(given, APP_TYPES,
                        FormErrors.from((DomainException) refusal, FIELDS), null)))
                .map(response -> response.getStatus() == 200 ? Response.seeOther(URI.create("/ui/applications/" + id))
                        .build() : response);
    }

    private static ClientRequest request(String name, String appType, String callbacks) {
        List<String> urls = callbacks == null ? List.of() : Arrays.stream(callbacks.split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        return new ClientRequest(name == null ? "" : name.strip(), null, appType, null, null, null, null, urls, null, null,
                null, null);
    }

    private static ApplicationForm form(ClientResponse client, String secret) {
        return new ApplicationForm(client.clientId(), client.name(), client.appType(),
                String.join("\n", client.callbacks() == null ? List.of() : client.callbacks()), secret);
    }
}
