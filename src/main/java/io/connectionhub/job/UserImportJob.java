package io.connectionhub.job;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.CallerContext;
import io.connectionhub.user.NewUser;
import io.connectionhub.user.UserProblem;
import io.connectionhub.user.UserService;
import io.connectionhub.connection.ConnectionLifecycle;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The worker's side of a user import. Pass one reads the stored file only to check its syntax and count its
 * entries (a broken file fails the job before any user is written); pass two writes the users in batches, each
 * one transaction with the job's progress, so a worker taking over resumes after the last committed batch.
 * Invalid users are recorded with their error codes and do not stop the job.
 */
@ApplicationScoped
public class UserImportJob {

    private final Pool pool;
    private final JobRepository jobs;
    private final ConnectionLifecycle connections;
    private final UserService users;
    private final JobConfig config;
    private final JobMetrics metrics;
    private final ObjectMapper mapper;

    public UserImportJob(Pool pool, JobRepository jobs, ConnectionLifecycle connections, UserService users,
            JobConfig config, JobMetrics metrics, ObjectMapper mapper) {
        this.pool = pool;
        this.jobs = jobs;
        this.connections = connections;
        this.users = users;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    Uni<Job> run(Job job, String owner) {
        return jobs.fileChunkCount(job.id()).chain(chunks -> {
            Uni<Void> counted = job.total() != null ? Uni.createFrom().voidItem()
                    : countEntries(job, chunks).chain(total -> jobs.setTotal(job.id(), owner, total));
            return counted.chain(() -> importEntries(job, owner, chunks));
        }).chain(() -> pool.withTransaction(tx -> jobs.complete(tx, job.id(), owner)))
                .call(() -> jobs.deleteFile(job.id()));
    }

    /** Pass one: syntax and count, nothing materialized. */
    private Uni<Long> countEntries(Job job, int chunks) {
        UserFileReader reader = new UserFileReader(mapper, false);
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(seq -> jobs.fileChunk(job.id(), seq)
                        .chain(chunk -> CallerContext.onWorker(() -> feed(reader, chunk.getBytes()))))
                .collect().last()
                .map(ignored -> {
                    finish(reader);
                    return reader.count();
                });
    }

    /**
     * Pass two: entries after the resume point, batch by batch. The batches of one chunk are written while the
     * next chunk is read and parsed (the database and the parser each keep a core busy); the writes themselves
     * stay one after another, in file order, which resuming relies on. Parsing runs on a worker thread: on the
     * event loop it held up the replies of the write transaction under way (each statement of a batch waited for
     * the parse of a chunk to finish), and the API's requests.
     */
    private Uni<Void> importEntries(Job job, String owner, int chunks) {
        UserFileReader reader = new UserFileReader(mapper, true);
        ImportBatches batches = new ImportBatches(config.importBatchSize(), job.processed());
        InFlight writes = new InFlight();
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(seq -> jobs.fileChunk(job.id(), seq)
                        .chain(chunk -> CallerContext.onWorker(() -> batches.add(feed(reader, chunk.getBytes()))))
                        .chain(ready -> writes.after(() -> writeAll(job, owner, ready))))
                .collect().last()
                .chain(() -> {
                    List<ImportBatches.Batch> rest = new ArrayList<>(batches.add(finish(reader)));
                    rest.addAll(batches.flush());
                    return writes.after(() -> writeAll(job, owner, rest));
                })
                .chain(writes::done);
    }

    /** The writes under way: each new round starts when the previous one has finished, without anyone waiting. */
    private static final class InFlight {
        private Uni<Void> last = Uni.createFrom().voidItem();

        /** Waits for the previous round, then starts {@code next} in the background. */
        Uni<Void> after(java.util.function.Supplier<Uni<Void>> next) {
            Uni<Void> previous = last;
            return previous.invoke(() -> {
                last = next.get().memoize().indefinitely();
                last.subscribe().with(ignored -> {
                }, failure -> {
                    // reported to whoever waits on it next
                });
            });
        }

        Uni<Void> done() {
            return last;
        }
    }

    private Uni<Void> writeAll(Job job, String owner, List<ImportBatches.Batch> ready) {
        return Multi.createFrom().iterable(ready)
                .onItem().transformToUniAndConcatenate(batch -> write(job, owner, batch))
                .collect().last().replaceWithVoid();
    }

    /** One batch, the job's progress and the batch's errors, in one transaction that first renews the lease. */
    private Uni<Void> write(Job job, String owner, ImportBatches.Batch batch) {
        List<NewUser> valid = new ArrayList<>();
        for (ImportBatches.Item item : batch.items()) {
            if (item.checked().user() != null) {
                valid.add(item.checked().user());
            }
        }
        long started = System.nanoTime();
        return pool.withTransaction(tx -> jobs.renewLease(tx, job.id(), owner, config.lease().toMillis())
                .chain(() -> connections.lockActive(tx, job.tenantId(), job.connectionId()))
                .chain(connection -> {
                    if (connection == null) {
                        throw new ImportFailed("The connection was deleted while the import was running");
                    }
                    return valid.isEmpty() ? Uni.createFrom().item(List.<UserService.Outcome> of())
                            : users.writeImportBatch(tx, connection, valid, job.upsert());
                })
                .chain(outcomes -> {
                    Tally tally = tally(batch, outcomes);
                    return jobs.insertErrors(tx, job.id(), tally.seqs, tally.entries, tally.errors)
                            .chain(() -> jobs.recordImportProgress(tx, job.id(), batch.nextIndex(), tally.inserted,
                                    tally.updated, tally.seqs.size()));
                })).invoke(() -> metrics.batch(Job.USERS_IMPORT, batch.items().size(), System.nanoTime() - started));
    }

    /** Counts of a written batch, and an error row for each entry that was refused. */
    private Tally tally(ImportBatches.Batch batch, List<UserService.Outcome> outcomes) {
        Tally tally = new Tally();
        int written = 0;
        for (ImportBatches.Item item : batch.items()) {
            List<UserProblem> problems = item.checked().problems();
            if (item.checked().user() != null) {
                UserService.Outcome outcome = outcomes.get(written++);
                switch (outcome) {
                    case INSERTED -> tally.inserted++;
                    case UPDATED -> tally.updated++;
                    case DUPLICATED -> problems = List.of(new UserProblem("DUPLICATED_USER",
                            "The user already exists in the connection", "email"));
                    case CONFLICT -> problems = List.of(new UserProblem("CONFLICT_EMAIL",
                            "The user_id belongs to another user of the tenant, with another email", "user_id"));
                }
            }
            if (!problems.isEmpty()) {
                tally.seqs.add(item.index());
                tally.entries.add(item.raw() == null ? "null" : item.raw().toString());
                tally.errors.add(json(problems));
            }
        }
        return tally;
    }

    private static final class Tally {
        long inserted;
        long updated;
        final List<Long> seqs = new ArrayList<>();
        final List<String> entries = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
    }

    private String json(List<UserProblem> problems) {
        try {
            return mapper.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> feed(UserFileReader reader, byte[] bytes) {
        try {
            return reader.feed(bytes);
        } catch (UserFileReader.UnreadableFile e) {
            throw new ImportFailed(e.getMessage());
        }
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> finish(UserFileReader reader) {
        try {
            return reader.finish();
        } catch (UserFileReader.UnreadableFile e) {
            throw new ImportFailed(e.getMessage());
        }
    }
}
