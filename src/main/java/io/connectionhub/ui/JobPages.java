package io.connectionhub.ui;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.connectionhub.job.JobErrorEntry;
import io.connectionhub.job.JobService;
import io.connectionhub.job.JobView;
import io.connectionhub.job.JobsPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The console's jobs (imports and deletions): the list, a job's page with live progress, its refused users. The
 * progress fragments are what the pages poll: one primary-key read of the job each time.
 */
@Path("/ui/jobs")
@ConsoleSignedIn
@Produces(MediaType.TEXT_HTML)
public class JobPages {

    static final int PAGE_SIZE = 50;
    /** Refused users shown on a job's page; the download has them all. */
    static final int ERRORS_SHOWN = 100;

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance jobs(JobsPage page);

        static native TemplateInstance job(JobView job, List<JobErrorEntry> errors);

        static native TemplateInstance jobProgress(JobView job);

        static native TemplateInstance deletionCell(JobView job);
    }

    private final JobService jobs;
    private final ConsoleCaller caller;

    public JobPages(JobService jobs, ConsoleCaller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("from") String from) {
        return jobs.list(caller.tenantId(), from, PAGE_SIZE).map(Templates::jobs);
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> detail(@PathParam("id") String id) {
        String tenantId = caller.tenantId();
        return jobs.view(tenantId, id).chain(job -> (job.isImport() ? jobs.errors(tenantId, id, ERRORS_SHOWN)
                : Uni.createFrom().item(List.<JobErrorEntry> of())).map(errors -> Templates.job(job, errors)));
    }

    @GET
    @Path("/{id}/progress")
    @Operation(hidden = true)
    public Uni<TemplateInstance> progress(@PathParam("id") String id) {
        return jobs.view(caller.tenantId(), id).map(Templates::jobProgress);
    }

    @GET
    @Path("/{id}/deletion")
    @Operation(hidden = true)
    public Uni<TemplateInstance> deletion(@PathParam("id") String id) {
        return jobs.view(caller.tenantId(), id).map(Templates::deletionCell);
    }

    @GET
    @Path("/{id}/errors.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> errors(@PathParam("id") String id) {
        return jobs.errors(caller.tenantId(), id).map(errors -> Response.ok(errors, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + "-errors.json\"").build());
    }
}
