package io.connectionhub.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.FieldSelection;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidQuery;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Metadata;
import io.connectionhub.common.Names;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.common.Timestamps;
import io.connectionhub.common.UniqueViolation;
import io.connectionhub.saml.SpEndpoints;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.tenant.ClientService;
import io.smallrye.mutiny.Uni;

/**
 * Connections of a tenant, the one model under both API families: the field rules, name uniqueness (held by a
 * database constraint), secret options, enabled clients, and the start of a deletion.
 */
@ApplicationScoped
public class ConnectionService {

    static final String NAME_RULE = "The name of the connection. Must start and end with an alphanumeric character "
            + "and can only contain alphanumeric characters and '-'. Max length 128";
    static final String STRATEGY_RULE = "The identity provider identifier for the connection";
    static final String DISPLAY_NAME_RULE = "Connection name used in the new universal login experience";
    static final String METADATA_RULE = "Metadata associated with the connection in the form of an object with string "
            + "values (max 255 chars). Maximum of 10 metadata properties allowed.";
    static final String REALMS_RULE = "Defines the realms for which the connection will be used (ie: email domains)";
    static final String ENABLED_CLIENTS_RULE = "Ids of this tenant's clients the connection is enabled for";
    static final int MAX_DISPLAY_NAME = 128;
    static final int MAX_CLIENT_CHANGES = 50;

    private final ConnectionRepository connections;
    private final ConnectionMapper mapper;
    private final OptionSecrets secrets;
    private final StrategyOptionsValidator optionRules;
    private final ClientService clients;
    private final ConnectionDeletions deletions;
    private final SpIdentityService spIdentities;
    private final ObjectMapper json;

    public ConnectionService(ConnectionRepository connections, ConnectionMapper mapper, OptionSecrets secrets,
            StrategyOptionsValidator optionRules, ClientService clients, ConnectionDeletions deletions,
            SpIdentityService spIdentities, ObjectMapper json) {
        this.connections = connections;
        this.mapper = mapper;
        this.secrets = secrets;
        this.optionRules = optionRules;
        this.clients = clients;
        this.deletions = deletions;
        this.spIdentities = spIdentities;
        this.json = json;
    }

    public Uni<ConnectionResponse> create(String tenantId, ConnectionRequest request, boolean withOptions) {
        if (request == null) {
            throw new InvalidRequest(null, "Missing required property: name", NAME_RULE);
        }
        checkName(request.name());
        if (request.strategy() == null) {
            throw new InvalidRequest(null, "Missing required property: strategy", STRATEGY_RULE);
        }
        if (!Strategy.isKnown(request.strategy())) {
            throw new InvalidRequest("strategy", "No enum match for: \"" + request.strategy() + "\"", STRATEGY_RULE);
        }
        Connection connection = new Connection();
        connection.id = Ids.alphanumeric("con_", 16);
        connection.tenantId = tenantId;
        connection.name = request.name();
        connection.strategy = request.strategy();
        connection.state = Connection.ACTIVE;
        connection.displayName = checkDisplayName(request.displayName());
        connection.realms = realms(request.realms(), request.name());
        connection.metadataJson = mapper.write(checkMetadata(request.metadata()));
        connection.domainConnection = Boolean.TRUE.equals(request.domainConnection());
        connection.showAsButton = Boolean.TRUE.equals(request.showAsButton());
        connection.authenticationActive = active(request.authentication(), "authentication", true);
        connection.connectedAccountsActive = active(request.connectedAccounts(), "connected_accounts", false);
        connection.createdAt = Timestamps.nowUtc();
        connection.updatedAt = connection.createdAt;
        ObjectNode options = request.options() == null ? json.createObjectNode() : request.options();
        return optionRules.check(connection.strategy, options)
                .invoke(checked -> connection.optionsJson = secrets.seal(checked, tenantId, connection.id).toString())
                .chain(() -> knownClients(tenantId, request.enabledClients()))
                .invoke(enabled -> connection.enabledClients = enabled)
                .chain(() -> connections.insert(connection))
                .onFailure(failure -> UniqueViolation.of(failure, "connections_name_key"))
                .recoverWithUni(failure -> nameTaken(connection.tenantId, connection.name))
                .onFailure(ConnectionService::clientVanished).transform(failure -> new InvalidRequest("enabled_clients",
                        "A client was deleted meanwhile", ENABLED_CLIENTS_RULE))
                .chain(saved -> withSpEndpoints(tenantId, mapper.toResponse(saved, withOptions), true));
    }

    /** A foreign-key violation on connection_clients: an enabled client was deleted between check and write. */
    private static boolean clientVanished(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The 409 for a taken name, saying whether a deletion still holds it. Asked after the failed transaction has
     * given its connection back: asking while holding it could starve the pool under a burst of creates.
     */
    private <T> Uni<T> nameTaken(String tenantId, String name) {
        return deletions.pendingFor(tenantId, name)
                .onItem().transformToUni(pending -> Uni.createFrom().failure(new ConnectionNameTaken(pending)));
    }

    /**
     * {@code transaction} (another feature's, creating or renaming a connection through {@link ConnectionLifecycle}),
     * with a collision on {@code name} reported as {@link ConnectionNameTaken}, saying whether a deletion still holds
     * the name. Asked once the failed transaction has given its connection back, as {@link #create} does.
     */
    public <T> Uni<T> reportingNameTaken(String tenantId, String name, Uni<T> transaction) {
        return transaction.onFailure(failure -> UniqueViolation.of(failure, "connections_name_key"))
                .recoverWithUni(failure -> nameTaken(tenantId, name));
    }

    public Uni<ConnectionResponse> get(String tenantId, String id, boolean withOptions) {
        return find(tenantId, id).chain(connection -> withSpEndpoints(tenantId, mapper.toResponse(connection,
                withOptions), false));
    }

    /**
     * The active connection with its options, as sign-in reads it: without the SP endpoints {@link #get} shows in a
     * {@code samlp} connection's options (one read fewer per sign-in).
     */
    public Uni<ConnectionResponse> getForSignIn(String tenantId, String id) {
        return find(tenantId, id).map(connection -> mapper.toResponse(connection, true));
    }

    /**
     * A {@code samlp} connection's SP identity (made at create, or now for one created before) is shown in its
     * options as {@code sp_entity_id}, {@code acs_url} and {@code sp_metadata_url} (read-only, never stored).
     */
    private Uni<ConnectionResponse> withSpEndpoints(String tenantId, ConnectionResponse response, boolean created) {
        if (!Strategy.SAMLP.equals(response.strategy()) || response.options() == null && !created) {
            return Uni.createFrom().item(response);
        }
        return spIdentities.endpointsOf(tenantId, response.id()).map(sp -> {
            showSp(response.options(), sp);
            return response;
        });
    }

    private static void showSp(ObjectNode options, SpEndpoints sp) {
        if (options != null && sp != null) {
            options.put(ConnectionMapper.SP_ENTITY_ID, sp.entityId());
            options.put(ConnectionMapper.ACS_URL, sp.acsEndpoint());
            options.put(ConnectionMapper.SP_METADATA_URL, sp.metadataUrl());
        }
    }

    /**
     * One page in the shape the request asked for: a bare array, {@link ConnectionsPage} with totals, or the
     * checkpoint {@link ConnectionsPage} with {@code next} (keyset on creation order, stable while others change).
     */
    public Uni<Object> list(String tenantId, ConnectionRepository.Filter filter, PageRequest page,
            FieldSelection fields, boolean withOptions) {
        for (String strategy : filter.strategies() == null ? List.<String> of() : filter.strategies()) {
            if (!Strategy.isKnown(strategy)) {
                throw new InvalidQuery("strategy", "Query validation error: 'strategy' has an unknown value: " + strategy);
            }
        }
        switch (page.shape()) {
            case CHECKPOINT:
                return connections.after(tenantId, filter, page.after(), page.size() + 1).chain(found -> {
                    boolean more = found.size() > page.size();
                    List<Connection> shown = more ? found.subList(0, page.size()) : found;
                    String next = more ? PageRequest.cursorAfter(shown.get(shown.size() - 1).seq) : null;
                    return render(tenantId, shown, fields, withOptions)
                            .map(rendered -> new ConnectionsPage(null, null, null, rendered, next));
                });
            case OFFSET:
                return connections.page(tenantId, filter, page.offset(), page.size())
                        .chain(found -> connections.count(tenantId, filter).chain(total -> render(tenantId, found,
                                fields, withOptions).map(rendered -> new ConnectionsPage(page.offset(), page.size(),
                                        total, rendered, null))));
            default:
                return connections.page(tenantId, filter, page.offset(), page.size())
                        .chain(found -> render(tenantId, found, fields, withOptions)).map(rendered -> (Object) rendered);
        }
    }

    private Uni<List<JsonNode>> render(String tenantId, List<Connection> found, FieldSelection fields,
            boolean withOptions) {
        List<String> saml = withOptions ? found.stream().filter(c -> Strategy.SAMLP.equals(c.strategy))
                .map(c -> c.id).toList() : List.of();
        return spIdentities.endpoints(tenantId, saml).map(sp -> {
            List<JsonNode> rendered = new ArrayList<>(found.size());
            for (Connection connection : found) {
                ConnectionResponse response = mapper.toResponse(connection, withOptions);
                showSp(response.options(), sp.get(connection.id));
                rendered.add(fields.apply(json.valueToTree(response)));
            }
            return rendered;
        });
    }

    /**
     * The console's list: a page of every connection of the tenant in creation order, optionally of one strategy,
     * those being deleted with their deletion's progress. Two queries whatever the page size.
     */
    public Uni<ConnectionRows> rows(String tenantId, String strategy, String from, int size) {
        if (strategy != null && !Strategy.isKnown(strategy)) {
            throw new InvalidQuery("strategy", "Query validation error: 'strategy' has an unknown value: " + strategy);
        }
        long after = from == null || from.isEmpty() ? 0L
                : PageRequest.seqAfter("from", from, "Query validation error: 'from' is not a cursor this API returned.");
        return connections.rowsAfter(tenantId, strategy, after, size + 1).chain(found -> {
            boolean more = found.size() > size;
            List<Connection> shown = more ? found.subList(0, size) : found;
            String next = more ? PageRequest.cursorAfter(shown.get(shown.size() - 1).seq) : null;
            List<String> deleting = shown.stream().filter(c -> Connection.DELETING.equals(c.state)).map(c -> c.id).toList();
            return deletions.running(tenantId, deleting).map(progress -> new ConnectionRows(shown.stream().map(c -> {
                ConnectionNameTaken.PendingDeletion pending = progress.get(c.id);
                boolean isDeleting = Connection.DELETING.equals(c.state);
                return new ConnectionRow(c.id, c.name, c.displayName, c.strategy, isDeleting,
                        pending == null ? null : pending.jobId(), pending == null ? (isDeleting ? 100 : 0)
                                : pending.percentageDone());
            }).toList(), next));
        });
    }

    public Uni<ConnectionResponse> update(String tenantId, String id, ConnectionUpdate update, boolean withOptions) {
        if (update == null) {
            throw new InvalidRequest(null, "The body must be a JSON object", null);
        }
        return find(tenantId, id).chain(connection -> {
            connection.displayName = update.displayName() == null ? connection.name : checkDisplayName(update.displayName());
            if (update.realms() != null) {
                connection.realms = realms(update.realms(), connection.name);
            }
            if (update.metadata() != null) {
                connection.metadataJson = mapper.write(checkMetadata(update.metadata()));
            }
            if (update.domainConnection() != null) {
                connection.domainConnection = update.domainConnection();
            }
            if (update.showAsButton() != null) {
                connection.showAsButton = update.showAsButton();
            }
            if (update.authentication() != null) {
                connection.authenticationActive = active(update.authentication(), "authentication", true);
            }
            if (update.connectedAccounts() != null) {
                connection.connectedAccountsActive = active(update.connectedAccounts(), "connected_accounts", false);
            }
            connection.updatedAt = Timestamps.nowUtc();
            Uni<Void> options = update.options() == null ? Uni.createFrom().voidItem()
                    : optionRules.check(connection.strategy, update.options())
                            .invoke(checked -> connection.optionsJson = secrets.seal(checked, tenantId, connection.id).toString())
                            .replaceWithVoid();
            Uni<Void> enabled = update.enabledClients() == null ? Uni.createFrom().voidItem()
                    : knownClients(tenantId, update.enabledClients())
                            .invoke(known -> connection.enabledClients = known).replaceWithVoid();
            return options.chain(() -> enabled).chain(() -> save(connection, update.enabledClients() != null))
                    .chain(saved -> withSpEndpoints(tenantId, mapper.toResponse(saved, withOptions), false));
        });
    }

    private Uni<Connection> save(Connection connection, boolean enabledClientsChanged) {
        return connections.update(connection, enabledClientsChanged).onItem().ifNull()
                .failWith(() -> new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist"))
                .onFailure(ConnectionService::clientVanished).transform(failure -> new InvalidRequest("enabled_clients",
                        "A client was deleted meanwhile", ENABLED_CLIENTS_RULE));
    }

    /** The connection leaves every read now; its name stays reserved until its users are purged. */
    public Uni<DeletionStarted> delete(String tenantId, String id) {
        return deletions.start(tenantId, id);
    }

    /** Whether a deletion of this connection of the tenant was ever started (it may have finished). */
    public Uni<Boolean> deletionStarted(String tenantId, String id) {
        return deletions.started(tenantId, id);
    }

    public Uni<EnabledClientsPage> enabledClients(String tenantId, String id, Integer take, String from) {
        int size = take == null ? PageRequest.DEFAULT_SIZE : take;
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw new InvalidQuery("take", "Query validation error: 'take' must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        String after = from == null || from.isEmpty() ? null : decodeClientCursor(from);
        return find(tenantId, id).map(connection -> {
            List<String> sorted = connection.enabledClients.stream().sorted()
                    .filter(clientId -> after == null || clientId.compareTo(after) > 0).toList();
            List<String> shown = sorted.subList(0, Math.min(size, sorted.size()));
            String next = sorted.size() > size ? encodeClientCursor(shown.get(shown.size() - 1)) : null;
            return new EnabledClientsPage(shown.stream().map(EnabledClientsPage.EnabledClient::new).toList(), next);
        });
    }

    public Uni<Void> updateEnabledClients(String tenantId, String id, List<ClientStatus> changes) {
        if (changes == null || changes.isEmpty() || changes.size() > MAX_CLIENT_CHANGES) {
            throw new InvalidRequest(null, "Array must have 1-" + MAX_CLIENT_CHANGES + " items ("
                    + (changes == null ? 0 : changes.size()) + " given)", "client_id and status of each client to change");
        }
        for (int i = 0; i < changes.size(); i++) {
            ClientStatus change = changes.get(i);
            if (change == null || change.clientId() == null || change.status() == null) {
                throw new InvalidRequest("[" + i + "]", "Missing required property: client_id and status", null);
            }
        }
        List<String> ids = changes.stream().map(ClientStatus::clientId).distinct().toList();
        return find(tenantId, id).chain(connection -> knownClients(tenantId, ids).invoke(known -> {
            Set<String> enabled = new LinkedHashSet<>(connection.enabledClients);
            for (ClientStatus change : changes) {
                if (change.status()) {
                    enabled.add(change.clientId());
                } else {
                    enabled.remove(change.clientId());
                }
            }
            connection.enabledClients = enabled;
            connection.updatedAt = Timestamps.nowUtc();
        }).chain(() -> save(connection, true))).replaceWithVoid();
    }

    private Uni<Connection> find(String tenantId, String id) {
        return connections.findActive(tenantId, id).onItem().ifNull()
                .failWith(() -> new NotFound(NotFound.Kind.CONNECTION, "The connection does not exist"));
    }

    /** The ids as a set, if every one is a client of this tenant (another tenant's client is unknown here). */
    private Uni<Set<String>> knownClients(String tenantId, List<String> clientIds) {
        if (clientIds == null || clientIds.isEmpty()) {
            return Uni.createFrom().item(new LinkedHashSet<>());
        }
        for (int i = 0; i < clientIds.size(); i++) {
            if (clientIds.get(i) == null || clientIds.get(i).isBlank()) {
                throw new InvalidRequest("enabled_clients[" + i + "]", "Expected type string but found type null",
                        ENABLED_CLIENTS_RULE);
            }
        }
        return clients.unknownIds(tenantId, clientIds).map(unknown -> {
            if (!unknown.isEmpty()) {
                throw new InvalidRequest("enabled_clients", "Unknown client id: " + unknown.get(0), ENABLED_CLIENTS_RULE);
            }
            return new LinkedHashSet<>(clientIds);
        });
    }

    static void checkName(String name) {
        String problem = Names.problem(name);
        if (problem != null) {
            throw new InvalidRequest(name == null ? null : "name", problem, NAME_RULE);
        }
    }

    private static String checkDisplayName(String displayName) {
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw new InvalidRequest("display_name", "String is too long (" + displayName.length() + " chars), maximum "
                    + MAX_DISPLAY_NAME, DISPLAY_NAME_RULE);
        }
        return displayName;
    }

    private static Map<String, String> checkMetadata(Map<String, String> metadata) {
        Metadata.check("metadata", metadata, METADATA_RULE);
        return metadata;
    }

    private static List<String> realms(List<String> realms, String name) {
        if (realms == null || realms.isEmpty()) {
            return List.of(name);
        }
        for (int i = 0; i < realms.size(); i++) {
            String realm = realms.get(i);
            if (realm == null || realm.isEmpty() || realm.length() > 255) {
                throw new InvalidRequest("realms[" + i + "]", "Must be a string of 1-255 characters", REALMS_RULE);
            }
        }
        return List.copyOf(realms);
    }

    private static boolean active(ConnectionRequest.Purpose purpose, String property, boolean byDefault) {
        if (purpose == null) {
            return byDefault;
        }
        if (purpose.active() == null) {
            throw new InvalidRequest(property, "Missing required property: active", "{active: boolean}");
        }
        return purpose.active();
    }

    private static String encodeClientCursor(String clientId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c1:" + clientId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeClientCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("c1:")) {
                return text.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidQuery("from", "Query validation error: 'from' is not a cursor this API returned.");
    }
}
