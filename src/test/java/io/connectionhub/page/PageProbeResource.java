package io.connectionhub.page;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Test-only page with a form, to check the page rules every real page inherits. */
@Path("/ui/test-only/form")
@PermitAll
public class PageProbeResource {

    @CheckedTemplate(basePath = "pageprobe")
    static class Templates {
        static native TemplateInstance form();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance form() {
        return Templates.form();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String submit(@RestForm("name") String name) {
        return "hello " + name;
    }

    @GET
    @Path("/failure")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public String failure() {
        throw new IllegalStateException("SELECT secret FROM somewhere -- internal detail");
    }
}
