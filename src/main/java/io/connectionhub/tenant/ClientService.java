package io.connectionhub.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.Scopes;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.Metadata;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.PageRequest;
import io.connectionhub.common.Timestamps;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The applications of a tenant (Auth0's /api/v2/clients), and the credential check behind /oauth/token. */
@ApplicationScoped
public class ClientService {

    static final String MANAGEMENT_CLIENT_NAME = "Connection Hub Management API";
    private static final Set<String> APP_TYPES = Set.of("native", "spa", "regular_web", "non_interactive");
    private static final Set<String> AUTH_METHODS = Set.of("none", "client_secret_post", "client_secret_basic");
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "implicit", "refresh_token",
            "client_credentials", "password", "urn:ietf:params:oauth:grant-type:device_code");
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private static final String SIGN_IN_CLIENT = "SELECT client_id, tenant_id, name, app_type, "
            + "token_endpoint_auth_method, grant_types, callbacks, secret_hash FROM clients WHERE client_id = $1";

    private final ClientRepository clients;
    private final Pool pool;

    public ClientService(ClientRepository clients, Pool pool) {
        this.clients = clients;
        this.pool = pool;
    }

    @WithTransaction
    public Uni<ClientResponse> create(String tenantId, ClientRequest request) {
        if (request == null) {
            throw new InvalidRequest(null, "Missing required property: name", null);
        }
        String nameProblem = request.name() == null ? "Missing required property: name" : null;
        if (nameProblem != null) {
            throw new InvalidRequest(null, nameProblem, null);
        }
        Client client = new Client();
        client.clientId = Ids.alphanumeric("", 32);
        client.tenantId = tenantId;
        client.appType = request.appType() == null ? "regular_web" : request.appType();
        client.tokenEndpointAuthMethod = request.tokenEndpointAuthMethod() != null ? request.tokenEndpointAuthMethod()
                : client.appType.equals("spa") || client.appType.equals("native") ? "none" : "client_secret_post";
        client.grantTypes = request.grantTypes() != null ? request.grantTypes() : defaultGrantTypes(client.appType);
        client.firstParty = request.firstParty() == null || request.firstParty();
        client.createdAt = Timestamps.nowUtc();
        apply(client, request);
        String secret = client.tokenEndpointAuthMethod.equals("none") ? null : Ids.secret(48);
        client.secretHash = secret == null ? null : SecretDigest.of(secret);
        return clients.persist(client).map(saved -> ClientResponse.of(saved, secret));
    }

    /** The tenant's management client with every management scope; joins the caller's transaction. */
    Uni<TenantCreated.ManagementClient> createManagementClient(String tenantId) {
        Client client = new Client();
        client.clientId = Ids.alphanumeric("", 32);
        client.tenantId = tenantId;
        client.name = MANAGEMENT_CLIENT_NAME;
        client.description = "Created with the tenant; holds every management scope.";
        client.appType = "non_interactive";
        client.firstParty = true;
        client.tokenEndpointAuthMethod = "client_secret_post";
        client.grantTypes = List.of(CLIENT_CREDENTIALS);
        client.scopes = Scopes.ALL;
        client.callbacks = List.of();
        client.allowedOrigins = List.of();
        client.webOrigins = List.of();
        client.allowedLogoutUrls = List.of();
        client.clientMetadata = Map.of();
        client.createdAt = Timestamps.nowUtc();
        client.updatedAt = client.createdAt;
        String secret = Ids.secret(48);
        client.secretHash = SecretDigest.of(secret);
        return clients.persist(client)
                .map(saved -> new TenantCreated.ManagementClient(saved.clientId, secret, saved.scopes));
    }

    @WithSession
    public Uni<ClientResponse> get(String tenantId, String clientId) {
        return find(tenantId, clientId).map(client -> ClientResponse.of(client, null));
    }

    /** A bare list of one page, or a {@link ClientsPage} for the offset and checkpoint shapes. */
    @WithSession
    public Uni<Object> list(String tenantId, PageRequest page) {
        switch (page.shape()) {
            case CHECKPOINT:
                return clients.after(tenantId, page.after(), page.size()).map(found -> {
                    List<ClientResponse> items = found.stream().map(c -> ClientResponse.of(c, null)).toList();
                    String next = found.size() == page.size() ? PageRequest.cursorAfter(found.get(found.size() - 1).seq) : null;
                    return new ClientsPage(null, null, null, null, items, next);
                });
            case OFFSET:
                return clients.page(tenantId, page.page(), page.size()).chain(found -> clients.countInTenant(tenantId)
                        .map(total -> new ClientsPage(page.offset(), page.size(), found.size(), total,
                                found.stream().map(c -> ClientResponse.of(c, null)).toList(), null)));
            default:
                return clients.page(tenantId, page.page(), page.size())
                        .map(found -> found.stream().map(c -> ClientResponse.of(c, null)).toList());
        }
    }

    @WithTransaction
    public Uni<ClientResponse> update(String tenantId, String clientId, ClientRequest request) {
        if (request == null) {
            throw new InvalidRequest(null, "The body must be a JSON object", null);
        }
        return find(tenantId, clientId).map(client -> {
            if (request.appType() != null) {
                client.appType = request.appType();
            }
            if (request.tokenEndpointAuthMethod() != null) {
                client.tokenEndpointAuthMethod = request.tokenEndpointAuthMethod();
            }
            if (request.grantTypes() != null) {
                client.grantTypes = request.grantTypes();
            }
            if (request.firstParty() != null) {
                client.firstParty = request.firstParty();
            }
            apply(client, request);
            if (client.tokenEndpointAuthMethod.equals("none")) {
                client.secretHash = null;
            }
            return ClientResponse.of(client, null);
        });
    }

    @WithTransaction
    public Uni<ClientResponse> rotateSecret(String tenantId, String clientId) {
        return find(tenantId, clientId).map(client -> {
            if (client.tokenEndpointAuthMethod.equals("none")) {
                client.tokenEndpointAuthMethod = "client_secret_post";
            }
            String secret = Ids.secret(48);
            client.secretHash = SecretDigest.of(secret);
            client.updatedAt = Timestamps.nowUtc();
            return ClientResponse.of(client, secret);
        });
    }

    /**
     * One DELETE statement. Removing the loaded entity instead went through Hibernate Reactive's delete coordinator,
     * which once completed on another event loop's thread under the robustness sweep's load (HR000069, a 500).
     */
    @WithTransaction
    public Uni<Void> delete(String tenantId, String clientId) {
        return clients.deleteInTenant(tenantId, clientId).invoke(deleted -> {
            if (!deleted) {
                throw new NotFound(NotFound.Kind.CLIENT, "The client does not exist");
            }
        }).replaceWithVoid();
    }

    /** The client and what it may be granted, when {@code secret} is its secret; else null. */
    @WithSession
    public Uni<ClientGrant> authenticate(String clientId, String secret) {
        return clients.findById(clientId).map(client -> {
            if (client == null || !SecretDigest.matches(secret, client.secretHash)) {
                return null;
            }
            return new ClientGrant(client.tenantId, client.clientId, client.grantTypes.contains(CLIENT_CREDENTIALS),
                    client.scopes);
        });
    }

    /**
     * The application with this client id, whatever its tenant (client ids are global), for sign-in; or null. One
     * statement on the pool, without an ORM session: every step of a sign-in (authorize, ACS, its log event, token)
     * reads it ({@code bench/signin.sh}).
     */
    public Uni<SignInClient> findForSignIn(String clientId) {
        return pool.preparedQuery(SIGN_IN_CLIENT).execute(Tuple.of(clientId)).map(rows -> {
            var iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return null;
            }
            Row row = iterator.next();
            return new SignInClient(row.getString("tenant_id"), row.getString("client_id"), row.getString("name"),
                    row.getString("app_type"), row.getString("token_endpoint_auth_method"),
                    strings(row.getArrayOfStrings("grant_types")), strings(row.getArrayOfStrings("callbacks")),
                    row.getString("secret_hash"));
        });
    }

    private static List<String> strings(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    /** Which of {@code clientIds} are not clients of this tenant. */
    @WithSession
    public Uni<List<String>> unknownIds(String tenantId, List<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return clients.existingIds(tenantId, clientIds).map(existing -> {
            List<String> unknown = new ArrayList<>(clientIds);
            unknown.removeAll(existing);
            return unknown;
        });
    }

    private Uni<Client> find(String tenantId, String clientId) {
        return clients.findInTenant(tenantId, clientId).onItem().ifNull()
                .failWith(() -> new NotFound(NotFound.Kind.CLIENT, "The client does not exist"));
    }

    /** Applies and checks the fields create and update share. */
    private static void apply(Client client, ClientRequest request) {
        if (request.name() != null) {
            if (request.name().isBlank() || request.name().length() > 255) {
                throw new InvalidRequest("name", "String length must be 1-255 (" + request.name().length() + " chars)",
                        "Name of this client");
            }
            client.name = request.name();
        }
        if (request.description() != null) {
            if (request.description().length() > 140) {
                throw new InvalidRequest("description", "String is too long (" + request.description().length()
                        + " chars), maximum 140", "Free text description of this client");
            }
            client.description = request.description();
        }
        oneOf("app_type", client.appType, APP_TYPES);
        oneOf("token_endpoint_auth_method", client.tokenEndpointAuthMethod, AUTH_METHODS);
        for (int i = 0; i < client.grantTypes.size(); i++) {
            oneOf("grant_types[" + i + "]", client.grantTypes.get(i), GRANT_TYPES);
        }
        if ("non_interactive".equals(client.appType) && "none".equals(client.tokenEndpointAuthMethod)) {
            throw new InvalidRequest("token_endpoint_auth_method",
                    "A machine-to-machine client must authenticate with a secret", "client_secret_post or client_secret_basic");
        }
        if (request.scopes() != null) {
            for (int i = 0; i < request.scopes().size(); i++) {
                oneOf("scopes[" + i + "]", request.scopes().get(i), Set.copyOf(Scopes.ALL));
            }
            client.scopes = List.copyOf(request.scopes());
        } else if (client.scopes == null) {
            client.scopes = List.of();
        }
        client.callbacks = strings("callbacks", request.callbacks(), client.callbacks);
        client.allowedOrigins = strings("allowed_origins", request.allowedOrigins(), client.allowedOrigins);
        client.webOrigins = strings("web_origins", request.webOrigins(), client.webOrigins);
        client.allowedLogoutUrls = strings("allowed_logout_urls", request.allowedLogoutUrls(), client.allowedLogoutUrls);
        if (request.clientMetadata() != null) {
            Metadata.check("client_metadata", request.clientMetadata(), "At most 10 keys, string values of at most 255");
            client.clientMetadata = request.clientMetadata();
        } else if (client.clientMetadata == null) {
            client.clientMetadata = Map.of();
        }
        client.updatedAt = Timestamps.nowUtc();
    }

    private static List<String> strings(String property, List<String> given, List<String> current) {
        if (given == null) {
            return current == null ? List.of() : current;
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null || given.get(i).length() > 2048) {
                throw new InvalidRequest(property + "[" + i + "]", "Must be a string of at most 2048 characters", null);
            }
        }
        return List.copyOf(given);
    }

    private static void oneOf(String property, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidRequest(property, "No enum match for: \"" + value + "\"", "one of " + String.join(", ",
                    allowed.stream().sorted().toList()));
        }
    }

    private static List<String> defaultGrantTypes(String appType) {
        return switch (appType) {
            case "non_interactive" -> List.of(CLIENT_CREDENTIALS);
            case "spa", "native" -> List.of("authorization_code", "implicit", "refresh_token");
            default -> List.of("authorization_code", "implicit", "refresh_token", CLIENT_CREDENTIALS);
        };
    }
}
