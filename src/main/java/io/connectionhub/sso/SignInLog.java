package io.connectionhub.sso;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.InvalidQuery;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.common.Timestamps;
import io.connectionhub.connection.Strategy;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The sign-in log: one event per sign-in attempt and code exchange, and Auth0's {@code /api/v2/logs} reads of it (by
 * checkpoint, or by search with {@code q}). A log id is the event's sequence number, zero-padded, so ids sort as
 * their events were written.
 */
@ApplicationScoped
public class SignInLog {

    /** A checkpoint page: events after {@code from}, and the {@code from} that continues after them. */
    public record Checkpoint(List<LogEvent> logs, String next) {
    }

    private static final int MAX_SEARCH_WINDOW = 1000;

    private final SignInEventRepository events;

    public SignInLog(SignInEventRepository events) {
        this.events = events;
    }

    /** Writes the event. A failure to write it is logged and does not fail the sign-in it describes. */
    public Uni<Void> record(SignInEvent event) {
        return events.insert(event).onFailure().recoverWithUni(failure -> {
            Log.warnf("Could not write a sign-in log event (%s) of tenant %s: %s", event.type(), event.tenantId(),
                    failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Writes the event of a successful sign-in in its finishing transaction, so that the event is there exactly when
     * the sign-in is (a failure fails the transaction). An event without the application's name gets it from its
     * {@code client_id}.
     */
    public Uni<Void> record(SqlClient tx, SignInEvent event) {
        return events.insert(tx, event);
    }

    /** Checkpoint paging: events after the log id {@code from} (from the first when null), oldest first. */
    public Uni<Checkpoint> checkpoint(String tenantId, String from, Integer take, String q) {
        int size = take == null ? PageRequest.DEFAULT_SIZE : take;
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw new InvalidQuery("take", "Query validation error: 'take' must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        long after = from == null || from.isEmpty() ? 0 : parseLogId(from, "from");
        Map<String, String> filters = LogQuery.parse(q);
        return events.after(tenantId, after, filters, size).map(found -> new Checkpoint(
                found.stream().map(SignInLog::response).toList(),
                found.isEmpty() ? (from == null || from.isEmpty() ? logId(0) : from)
                        : logId(found.get(found.size() - 1).seq())));
    }

    /** Search paging: a page of the events matching {@code q}, newest first unless {@code sort=date:1}. */
    public Uni<Object> search(String tenantId, String q, Integer page, Integer perPage, String sort,
            Boolean includeTotals) {
        int size = perPage == null ? PageRequest.DEFAULT_SIZE : perPage;
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw new InvalidQuery("per_page", "Query validation error: 'per_page' must be between 1 and "
                    + PageRequest.MAX_SIZE + ".");
        }
        int index = page == null ? 0 : page;
        if (index < 0) {
            throw new InvalidQuery("page", "Query validation error: 'page' must be 0 or more.");
        }
        long offset = (long) index * size;
        if (offset + size > MAX_SEARCH_WINDOW) {
            throw new InvalidQuery("page", "Query validation error: a search reaches the first " + MAX_SEARCH_WINDOW
                    + " events only; page through more with from and take.");
        }
        boolean newestFirst = newestFirst(sort);
        Map<String, String> filters = LogQuery.parse(q);
        Uni<List<LogEvent>> found = events.page(tenantId, filters, newestFirst, offset, size)
                .map(rows -> rows.stream().map(SignInLog::response).toList());
        if (!Boolean.TRUE.equals(includeTotals)) {
            return found.map(list -> list);
        }
        return found.chain(list -> events.count(tenantId, filters)
                .map(total -> new LogsPage(offset, size, list.size(), total, list)));
    }

    public Uni<LogEvent> get(String tenantId, String logId) {
        long seq;
        try {
            seq = parseLogId(logId, "id");
        } catch (InvalidQuery e) {
            return Uni.createFrom().failure(new NotFound(NotFound.Kind.LOG, "The log event does not exist."));
        }
        return events.find(tenantId, seq).map(found -> {
            if (found == null) {
                throw new NotFound(NotFound.Kind.LOG, "The log event does not exist.");
            }
            return response(found);
        });
    }

    private static boolean newestFirst(String sort) {
        if (sort == null || sort.isEmpty() || sort.equals("date:-1")) {
            return true;
        }
        if (sort.equals("date:1")) {
            return false;
        }
        throw new InvalidQuery("sort", "Query validation error: 'sort' must be date:1 or date:-1.");
    }

    static String logId(long seq) {
        return String.format("%020d", seq);
    }

    private static long parseLogId(String value, String parameter) {
        if (value.length() > 20 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidQuery(parameter, "Query validation error: '" + parameter + "' is not a log_id this API returned.");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidQuery(parameter, "Query validation error: '" + parameter + "' is not a log_id this API returned.");
        }
    }

    private static LogEvent response(SignInEventRepository.StoredEvent stored) {
        SignInEvent e = stored.event();
        return new LogEvent(logId(stored.seq()), Timestamps.format(stored.date()), e.type(), e.description(),
                e.connection(), e.connectionId(), e.strategy(), strategyType(e.strategy()), e.clientId(), e.clientName(),
                e.ip(), e.userAgent(), e.userId(), e.userName(), e.organizationId());
    }

    private static String strategyType(String strategy) {
        if (strategy == null) {
            return null;
        }
        return Strategy.isDatabase(strategy) ? "database" : "enterprise";
    }
}
