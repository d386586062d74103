package io.connectionhub.user;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.CallerContext;
import io.connectionhub.common.InvalidQuery;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.common.Timestamps;
import io.connectionhub.common.UniqueViolation;
import io.connectionhub.common.UnknownReference;
import io.connectionhub.connection.ConnectionLifecycle;
import io.connectionhub.connection.ConnectionRef;
import io.connectionhub.connection.OperationNotSupported;
import io.connectionhub.connection.Strategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Users of a connection: the API's single-user operations, and the set-based batches the import and deletion
 * jobs run inside their own transactions. Every write share-locks the active connection first, so that a
 * concurrent deletion either sees the new user or refuses it.
 */
@ApplicationScoped
public class UserService {

    /** What happened to each entry of an import batch, in batch order. */
    public enum Outcome {
        INSERTED, UPDATED, DUPLICATED, CONFLICT
    }

    /** Strategies whose users are not from a social provider. */
    private static final Set<String> NOT_SOCIAL = Set.of("auth0", "ad", "adfs", "auth0-oidc", "email", "google-apps", "ip",
            "office365", "oidc", "okta", "pingfederate", "samlp", "sharepoint", "sms", "waad", "custom");

    private final UserRepository users;
    private final Pool pool;
    private final ConnectionLifecycle connections;
    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final ObjectMapper json;

    public UserService(UserRepository users, Pool pool, ConnectionLifecycle connections, PasswordHasher hasher,
            Vertx vertx, ObjectMapper json) {
        this.users = users;
        this.pool = pool;
        this.connections = connections;
        this.hasher = hasher;
        this.vertx = vertx;
        this.json = json;
    }

    public Uni<UserResponse> create(String tenantId, UserRequest request) {
        if (request == null || request.connection() == null) {
            throw new InvalidRequest(null, "Missing required property: connection", "Name of the user's connection");
        }
        if (request.email() == null) {
            throw new InvalidRequest(null, "Missing required property: email", "The user's email");
        }
        List<UserProblem> problems = new ArrayList<>();
        UserRules.checkEmail(request.email(), problems);
        if (request.username() != null) {
            UserRules.checkUsername(request.username(), problems);
        }
        if (request.userId() != null) {
            UserRules.checkUserId(request.userId(), problems);
        }
        UserRules.checkLength("given_name", request.givenName(), problems);
        UserRules.checkLength("family_name", request.familyName(), problems);
        UserRules.checkLength("name", request.name(), problems);
        UserRules.checkLength("nickname", request.nickname(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems.get(0).path(), problems.get(0).message(), null);
        }
        return connections.findActiveByName(pool, tenantId, request.connection())
                .chain(connection -> {
                    if (connection == null) {
                        throw new UnknownReference(NotFound.Kind.CONNECTION, "The connection does not exist.");
                    }
                    return passwordHash(connection, request).chain(hash -> insert(tenantId, connection, request, hash));
                });
    }

    /** A database connection needs a password; any other refuses one. Hashing is slow, so it runs on a worker. */
    private Uni<String> passwordHash(ConnectionRef connection, UserRequest request) {
        if (!Strategy.isDatabase(connection.strategy())) {
            if (request.password() != null) {
                throw new InvalidRequest("password", "Only database (auth0) connections take a password", null);
            }
            return Uni.createFrom().nullItem();
        }
        if (request.password() == null || request.password().isEmpty()) {
            throw new InvalidRequest(null, "Missing required property: password", "Initial password of a database user");
        }
        if (request.password().length() > 1024) {
            throw new InvalidRequest("password", "String is too long, maximum 1024", null);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(request.password())));
    }

    private Uni<UserResponse> insert(String tenantId, ConnectionRef seen, UserRequest request, String passwordHash) {
        String suffix = request.userId() != null ? request.userId() : UserRules.generatedId();
        NewUser user = new NewUser(suffix, request.email(), Boolean.TRUE.equals(request.emailVerified()), request.username(),
                request.givenName(), request.familyName(), request.name(), request.nickname(),
                Boolean.TRUE.equals(request.blocked()), passwordHash,
                request.userMetadata() == null ? null : request.userMetadata().toString(),
                request.appMetadata() == null ? null : request.appMetadata().toString());
        return pool.withTransaction(tx -> connections.lockActive(tx, tenantId, seen.id()).chain(connection -> {
            if (connection == null) {
                throw new UnknownReference(NotFound.Kind.CONNECTION, "The connection does not exist.");
            }
            return users.insertOne(tx, connection.id(), tenantId, fullId(connection, suffix), user);
        })).onFailure(failure -> UniqueViolation.of(failure, null)).transform(failure -> new UserExists())
                .map(this::toResponse);
    }

    public Uni<UserResponse> get(String tenantId, String userId) {
        return users.findByUserId(null, tenantId, userId).map(user -> {
            if (user == null) {
                throw new NotFound(NotFound.Kind.USER, "The user does not exist.");
            }
            return toResponse(user);
        });
    }

    public Uni<Void> delete(String tenantId, String userId) {
        return users.deleteByUserId(tenantId, userId).map(deleted -> {
            if (deleted == 0) {
                throw new NotFound(NotFound.Kind.USER, "The user does not exist.");
            }
            return null;
        });
    }

    /**
     * Deletes the user with this email from a database connection. Idempotent: no such user is not an error.
     * Other strategies keep their users at the identity provider, so the operation is not supported there.
     */
    public Uni<Void> deleteByEmail(String tenantId, String connectionId, String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidQuery("email", "Query validation error: Missing required property: email.");
        }
        return pool.withTransaction(tx -> connections.lockActive(tx, tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                throw new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist");
            }
            if (!Strategy.isDatabase(connection.strategy())) {
                throw new OperationNotSupported("Deleting users by email is only supported on database connections");
            }
            return users.deleteByEmail(tx, connection.id(), email);
        })).replaceWithVoid();
    }

    /** A page of a connection's users (by name) or of the tenant's, checkpoint style. */
    public Uni<UsersPage> list(String tenantId, String connectionName, Integer take, String from) {
        int size = take == null ? PageRequest.DEFAULT_SIZE : take;
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw new InvalidQuery("take", "Query validation error: 'take' must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        String after = from == null || from.isEmpty() ? null : decodeCursor(from);
        if (connectionName == null) {
            return users.pageOfTenant(tenantId, after == null ? "" : after, size + 1)
                    .map(found -> page(found, size, last -> encodeCursor(last.userId())));
        }
        return connections.findActiveByName(pool, tenantId, connectionName)
                .chain(connection -> {
                    if (connection == null) {
                        throw new InvalidQuery("connection", "Query validation error: the connection does not exist.");
                    }
                    long afterId = after == null ? 0L : parseLong(after);
                    return users.pageOfConnection(connection.id(), afterId, size + 1)
                            .map(found -> page(found, size, last -> encodeCursor(Long.toString(last.id()))));
                });
    }

    /**
     * The console's users of a connection: those whose email starts with {@code emailPrefix} (case-insensitive; all
     * when empty), in email order, {@code size} at a time; {@code from} is the {@code next} of the previous page.
     */
    public Uni<UsersPage> search(String tenantId, String connectionId, String emailPrefix, String from, int size) {
        String prefix = emailPrefix == null ? "" : emailPrefix.strip();
        if (prefix.length() > 320 || prefix.indexOf('\0') >= 0) {
            throw new InvalidQuery("email", "Query validation error: 'email' must be at most 320 characters, without NUL.");
        }
        String after = from == null || from.isEmpty() ? null : decodeCursor(from);
        return connections.findActive(pool, tenantId, List.of(connectionId)).chain(found -> {
            if (found.isEmpty()) {
                throw new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist");
            }
            return users.byEmailPrefix(connectionId, prefix, after, size + 1)
                    .map(rows -> page(rows, size, last -> encodeCursor(last.email())));
        });
    }

    /** The users of a connection, counted no further than {@code limit} (a page's count must stay cheap). */
    public Uni<Long> countUpTo(String connectionId, long limit) {
        return users.countUpTo(connectionId, limit);
    }

    private UsersPage page(List<StoredUser> found, int size, java.util.function.Function<StoredUser, String> cursor) {
        boolean more = found.size() > size;
        List<StoredUser> shown = more ? found.subList(0, size) : found;
        return new UsersPage(shown.stream().map(this::toResponse).toList(), more ? cursor.apply(shown.get(size - 1)) : null);
    }

    // --- set-based work for the jobs, inside the caller's transaction

    /** Users of the connection, counted no further than {@code limit}. */
    public Uni<Long> countUpTo(SqlConnection tx, String connectionId, long limit) {
        return users.countUpTo(tx, connectionId, limit);
    }

    public Uni<Long> count(String connectionId) {
        return users.count(connectionId);
    }

    /** Deletes up to {@code limit} users of the connection; how many went (0: none left). */
    public Uni<Integer> purgeBatch(SqlConnection tx, String connectionId, int limit) {
        return users.deleteBatch(tx, connectionId, limit);
    }

    /**
     * Writes one import batch (emails and user ids unique within it). Without upsert a user that exists is left
     * alone (DUPLICATED); with upsert it is updated by email, unless its user id belongs to another user (CONFLICT).
     */
    public Uni<List<Outcome>> writeImportBatch(SqlConnection tx, ConnectionRef connection, List<NewUser> batch,
            boolean upsert) {
        List<String> ids = batch.stream().map(user -> fullId(connection, user.idSuffix())).toList();
        if (!upsert) {
            return users.insertNew(tx, connection.id(), connection.tenantId(), ids, batch).map(inserted -> {
                Set<String> written = Set.copyOf(inserted);
                return batch.stream().map(user -> written.contains(user.emailKey()) ? Outcome.INSERTED : Outcome.DUPLICATED)
                        .toList();
            });
        }
        return users.takenUserIds(tx, connection.tenantId(), ids).chain(taken -> {
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            List<NewUser> writable = new ArrayList<>();
            List<String> writableIds = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                String holder = taken.get(ids.get(i));
                boolean sameUser = holder == null || holder.equals(connection.id() + " " + batch.get(i).emailKey());
                outcomes.add(sameUser ? null : Outcome.CONFLICT);
                if (sameUser) {
                    writable.add(batch.get(i));
                    writableIds.add(ids.get(i));
                }
            }
            if (writable.isEmpty()) {
                return Uni.createFrom().item(outcomes);
            }
            return users.upsert(tx, connection.id(), connection.tenantId(), writableIds, writable).map(written -> {
                for (int i = 0; i < batch.size(); i++) {
                    if (outcomes.get(i) == null) {
                        Boolean inserted = written.get(batch.get(i).emailKey());
                        outcomes.set(i, inserted == null ? Outcome.DUPLICATED : inserted ? Outcome.INSERTED : Outcome.UPDATED);
                    }
                }
                return outcomes;
            });
        });
    }

    // --- sign-in

    /**
     * Checks a database user's password. An unknown email costs the same hashing work as a wrong password, so the
     * answer's time does not tell which emails have users. The hashing runs on a worker thread.
     */
    public Uni<PasswordCheck> checkPassword(String connectionId, String email, String password) {
        return users.findCredentials(connectionId, email).chain(found -> CallerContext.onWorker(() -> {
            if (found == null) {
                hasher.matchNothing(password);
                return new PasswordCheck(PasswordCheck.Outcome.UNKNOWN_USER, null);
            }
            if (found.passwordHash() == null) {
                hasher.matchNothing(password);
                return new PasswordCheck(PasswordCheck.Outcome.WRONG_PASSWORD, null);
            }
            return hasher.matches(password, found.passwordHash())
                    ? new PasswordCheck(PasswordCheck.Outcome.MATCH, found.userId())
                    : new PasswordCheck(PasswordCheck.Outcome.WRONG_PASSWORD, null);
        }));
    }

    /**
     * Counts the login of a database user (last_login, last_ip, logins_count) in the caller's transaction, with the
     * connection share-locked as every user write has it. The user as it is now; null when it or its connection is
     * gone. A blocked user is left as it is and returned with its flag.
     */
    public Uni<SignedInUser> recordLogin(SqlConnection tx, String tenantId, String connectionId, String userId,
            String ip) {
        return connections.lockActive(tx, tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                return Uni.createFrom().nullItem();
            }
            return users.findSignedIn(tx, connectionId, userId).chain(user -> user == null || user.blocked()
                    ? Uni.createFrom().item(user) : users.recordLogin(tx, connectionId, userId, ip));
        });
    }

    /**
     * Just in time: creates the user an identity provider signed in ({@code <strategy>|<connection name>|<subject>})
     * in the connection, or updates its profile and counts the login, in the caller's transaction with the connection
     * share-locked. Null when the connection is gone. A blocked user is left as it is and returned with its flag; an
     * email another user of the connection has fails with {@link UserExists}.
     */
    public Uni<SignedInUser> signInFromUpstream(SqlConnection tx, String tenantId, String connectionId,
            UpstreamUser user, String ip) {
        // The usual case in one statement; when it writes nothing, each step again to tell why.
        return users.upsertSignedInLocked(tx, connectionId, tenantId, user.subject(), user, ip)
                .onFailure(failure -> UniqueViolation.of(failure, "users_connection_email"))
                .transform(failure -> new UserExists())
                .chain(written -> written != null ? Uni.createFrom().item(written)
                        : signInStepByStep(tx, tenantId, connectionId, user, ip));
    }

    private Uni<SignedInUser> signInStepByStep(SqlConnection tx, String tenantId, String connectionId,
            UpstreamUser user, String ip) {
        return connections.lockActive(tx, tenantId, connectionId).chain(connection -> {
            if (connection == null) {
                return Uni.createFrom().nullItem();
            }
            String userId = upstreamUserId(connection, user.subject());
            return users.upsertSignedIn(tx, connectionId, tenantId, userId, user, ip)
                    .onFailure(failure -> UniqueViolation.of(failure, "users_connection_email"))
                    .transform(failure -> new UserExists())
                    .chain(written -> written != null ? Uni.createFrom().item(written)
                            : users.findSignedIn(tx, connectionId, userId).map(existing -> {
                                if (existing == null) {
                                    // The id is taken in another connection (one renamed since it was written).
                                    throw new UserExists();
                                }
                                return existing;
                            }));
        });
    }

    /** The user id of a user an identity provider signed in: {@code <strategy>|<connection name>|<subject>}. */
    public static String upstreamUserId(ConnectionRef connection, String subject) {
        return connection.strategy() + "|" + connection.name() + "|" + subject;
    }

    // --- mapping

    private static String fullId(ConnectionRef connection, String suffix) {
        return connection.strategy() + "|" + suffix;
    }

    private UserResponse toResponse(StoredUser user) {
        String suffix = user.userId().substring(user.userId().indexOf('|') + 1);
        return new UserResponse(user.userId(), user.email(), user.emailVerified(), user.username(), user.givenName(),
                user.familyName(), user.name(), user.nickname(), user.blocked(), tree(user.userMetadata()),
                tree(user.appMetadata()),
                List.of(new UserResponse.Identity(user.connectionName(), user.strategy(), suffix,
                        !NOT_SOCIAL.contains(user.strategy()))),
                Timestamps.format(user.createdAt()), Timestamps.format(user.updatedAt()),
                Timestamps.format(user.lastLogin()), user.lastIp(), user.loginsCount());
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encodeCursor(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("u1:" + value).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("u1:")) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidQuery("from", "Query validation error: 'from' is not a cursor this API returned.");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidQuery("from", "Query validation error: 'from' is not a cursor this API returned.");
        }
    }
}
