package io.connectionhub.job;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.UnknownReference;
import io.connectionhub.connection.ConnectionLifecycle;
import io.connectionhub.connection.OperationNotSupported;
import io.connectionhub.connection.Strategy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Jobs as the API sees them: starting an import, reading a job and its per-user errors. */
@ApplicationScoped
public class JobService {

    static final Pattern CONNECTION_ID = Pattern.compile("con_[A-Za-z0-9]{16}");
    /** Error entries one request returns at most. */
    static final int MAX_ERRORS = 100_000;

    private final Pool pool;
    private final JobRepository jobs;
    private final ConnectionLifecycle connections;
    private final JobEvents events;
    private final JobConfig config;
    private final Vertx vertx;
    private final ObjectMapper mapper;

    public JobService(Pool pool, JobRepository jobs, ConnectionLifecycle connections, JobEvents events, JobConfig config,
            Vertx vertx, ObjectMapper mapper) {
        this.pool = pool;
        this.jobs = jobs;
        this.connections = connections;
        this.events = events;
        this.config = config;
        this.vertx = vertx;
        this.mapper = mapper;
    }

    /**
     * Stores the uploaded file in the database with a pending job, in one transaction, so any replica's worker can
     * run it. The file is streamed in pieces: memory does not grow with its size.
     */
    public Uni<JobResponse> startImport(String tenantId, String connectionId, String uploadedFile, boolean upsert,
            String externalId) {
        if (connectionId == null) {
            throw new InvalidRequest(null, "Missing required property: connection_id", "The connection to import into");
        }
        if (!CONNECTION_ID.matcher(connectionId).matches()) {
            throw new InvalidRequest("connection_id", "String does not match pattern ^con_[A-Za-z0-9]{16}$: " + connectionId,
                    "The connection to import into");
        }
        if (externalId != null && externalId.length() > 255) {
            throw new InvalidRequest("external_id", "String is too long (" + externalId.length() + " chars), maximum 255", null);
        }
        String jobId = JobRepository.newId();
        AtomicInteger seq = new AtomicInteger();
        return pool.withTransaction(tx -> connections.lockActive(tx, tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                throw new UnknownReference(NotFound.Kind.CONNECTION, "The connection does not exist.");
            }
            if (!Strategy.isDatabase(connection.strategy())) {
                throw new OperationNotSupported("Users can only be imported into database (auth0) connections");
            }
            return jobs.insert(tx, jobId, tenantId, Job.USERS_IMPORT, Job.PENDING, connection.id(), connection.name(),
                    externalId, upsert, null, 0)
                    .chain(() -> vertx.fileSystem().open(uploadedFile, new OpenOptions().setRead(true)))
                    .chain(file -> file.setReadBufferSize((int) config.fileChunkSize().asLongValue()).toMulti()
                            .onItem().transformToUniAndConcatenate(chunk -> jobs.insertFileChunk(tx, jobId, seq.getAndIncrement(), chunk))
                            .collect().last()
                            .eventually(file::close));
        })).chain(() -> jobs.find(jobId)).invoke(job -> {
            events.created(job);
            events.wakeWorkers();
        }).map(JobResponse::of);
    }

    public Uni<JobResponse> get(String tenantId, String id) {
        return find(tenantId, id).map(JobResponse::of);
    }

    /** The refused users of an import, in file order (at most {@value #MAX_ERRORS}). */
    public Uni<List<JobErrorEntry>> errors(String tenantId, String id) {
        return find(tenantId, id).chain(job -> jobs.errors(job.id(), MAX_ERRORS)).map(rows -> rows.stream()
                .map(row -> new JobErrorEntry(tree(row.getString("user_entry")), tree(row.getString("errors")))).toList());
    }

    /** The console's view of a job: one primary-key read (what live progress polls). */
    public Uni<JobView> view(String tenantId, String id) {
        return find(tenantId, id).map(JobView::of);
    }

    /** A page of the tenant's jobs, newest first (keyset on creation time and id). */
    public Uni<JobsPage> list(String tenantId, String cursor, int size) {
        java.time.OffsetDateTime before = null;
        String beforeId = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8).split(":", 3);
                if (parts.length != 3 || !parts[0].equals("j1")) {
                    throw new IllegalArgumentException(cursor);
                }
                long micros = Long.parseLong(parts[1]);
                before = java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS)
                        .atOffset(java.time.ZoneOffset.UTC);
                beforeId = parts[2];
            } catch (IllegalArgumentException e) {
                throw new io.connectionhub.common.InvalidQuery("from", "Query validation error: 'from' is not a cursor "
                        + "this page returned.");
            }
        }
        return jobs.newestFirst(tenantId, before, beforeId, size + 1).map(found -> {
            boolean more = found.size() > size;
            List<Job> shown = more ? found.subList(0, size) : found;
            String next = null;
            if (more) {
                Job last = shown.get(shown.size() - 1);
                long micros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                        last.createdAt().toInstant());
                next = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("j1:" + micros + ":" + last.id())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return new JobsPage(shown.stream().map(JobView::of).toList(), next);
        });
    }

    /** The first {@code limit} refused users of an import, in file order (the page shows some, the download all). */
    public Uni<List<JobErrorEntry>> errors(String tenantId, String id, int limit) {
        return find(tenantId, id).chain(job -> jobs.errors(job.id(), Math.min(limit, MAX_ERRORS))).map(rows -> rows.stream()
                .map(row -> new JobErrorEntry(tree(row.getString("user_entry")), tree(row.getString("errors")))).toList());
    }

    private Uni<Job> find(String tenantId, String id) {
        return jobs.findInTenant(tenantId, id).onItem().ifNull()
                .failWith(() -> new NotFound(NotFound.Kind.JOB, "The job does not exist"));
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
