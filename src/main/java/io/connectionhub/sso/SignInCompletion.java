package io.connectionhub.sso;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.Ids;
import io.connectionhub.connection.ConnectionsForSignIn;
import io.connectionhub.organization.OrganizationsForSignIn;
import io.connectionhub.page.PageRefused;
import io.connectionhub.tenant.ClientService;
import io.connectionhub.tenant.SignInClient;
import io.connectionhub.tenant.TenantConfigCache;
import io.connectionhub.user.SignedInUser;
import io.connectionhub.user.UpstreamUser;
import io.connectionhub.user.UserExists;
import io.connectionhub.user.UserService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Finishes sign-ins: what the SAML ACS and the OIDC callback call once they have checked the IdP's answer (and what
 * the password form calls for database connections). A success consumes the pending request, creates or updates the
 * user, and sends the application a single-use code, in one transaction, then writes the {@code s} log event. A
 * failure consumes the request, writes an {@code f} event whose description names the failed check, and sends the
 * application {@code access_denied} with it. A failed sign-in writes no user.
 *
 * <p>An answer that cannot be tied to an active request (unknown, expired, already used: a replay) gets an error page
 * ({@link PageRefused}), never a second code.
 *
 * <p>A test sign-in ({@link PendingRequest#test()}, started by {@link SignInTest}) ends the same way, user and log event
 * included, except that its outcome is stored as a {@link TestSignInResult} and the browser goes to the page that
 * shows it instead of to an application.
 */
@ApplicationScoped
public class SignInCompletion {

    /** Request ids are {@code Ids.secret(32)}: 43 base64url characters. Anything else is not one of ours. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final String UNUSABLE = "This sign-in has expired or was already completed. Go back to the application and "
            + "sign in again.";
    private static final int MAX_SUBJECT = 1024;
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 300;
    private static final String IDP_INITIATED_SCOPE = "openid profile email";
    /** What {@link TenantConfigCache} keeps for sign-ins: applications by client id, and their access to connections. */
    static final String CLIENT = "sign-in-client";
    private static final String CONNECTION_ACCESS = "sign-in-connection-access";

    /**
     * What a sign-in claims first in its finishing transaction (a SAML assertion id in the replay table): {@code first}
     * answers false when it was claimed before, and the sign-in then ends on the error page naming {@code refusal}
     * (with its {@code f} event), writing nothing else.
     */
    public record Claim(Function<SqlConnection, Uni<Boolean>> first, String refusal) {

        static final Claim NONE = new Claim(tx -> Uni.createFrom().item(Boolean.TRUE), null);
    }

    private final PendingRequestRepository requests;
    private final AuthorizationCodeRepository codes;
    private final SignInConnections connections;
    private final ConnectionsForSignIn connectionAccess;
    private final OrganizationsForSignIn organizations;
    private final UserService users;
    private final ClientService clients;
    private final SignInLog log;
    private final TestResults tests;
    private final Pool pool;
    private final PublicUrl publicUrl;
    private final SsoConfig config;
    private final ObjectMapper json;

    public SignInCompletion(PendingRequestRepository requests, AuthorizationCodeRepository codes,
            SignInConnections connections, ConnectionsForSignIn connectionAccess, OrganizationsForSignIn organizations,
            UserService users, ClientService clients, SignInLog log, TestResults tests, Pool pool, PublicUrl publicUrl,
            SsoConfig config, ObjectMapper json) {
        this.requests = requests;
        this.codes = codes;
        this.connections = connections;
        this.connectionAccess = connectionAccess;
        this.organizations = organizations;
        this.users = users;
        this.clients = clients;
        this.log = log;
        this.tests = tests;
        this.pool = pool;
        this.publicUrl = publicUrl;
        this.config = config;
        this.json = json;
    }

    // --- what the engines read

    /** The active pending request with this id (the RelayState or state that came back), or null. */
    public Uni<PendingRequest> pending(String requestId) {
        return isRequestId(requestId) ? requests.findActive(requestId) : Uni.createFrom().nullItem();
    }

    /** The active pending request whose upstream request has this id (e.g. a SAML InResponseTo), or null. */
    public Uni<PendingRequest> pendingByUpstreamId(String upstreamId) {
        return upstreamId == null || upstreamId.isEmpty() || upstreamId.length() > 256
                || !AuthorizationRequest.printable(upstreamId) ? Uni.createFrom().nullItem()
                        : requests.findActiveByUpstreamId(upstreamId);
    }

    /** The active connection with this id, or null. */
    public Uni<SignInConnection> connection(String tenantId, String connectionId) {
        return connections.find(tenantId, connectionId);
    }

    /** The tenant's application with this client id (as the tenant's configuration is now), or null. */
    public Uni<SignInClient> client(TenantConfigCache.Snapshot config, String clientId) {
        return config.get(CLIENT, clientId, () -> clients.findForSignIn(clientId)
                .map(client -> client != null && client.tenantId().equals(config.tenantId()) ? client : null));
    }

    // --- how sign-ins end

    /**
     * The IdP signed the user of pending request {@code requestId} in, and every check passed: the redirect to the
     * application with its code. Fails with {@link PageRefused} when the request is no longer active (expired, or
     * already used: the answer was replayed).
     */
    public Uni<URI> succeed(String requestId, UpstreamProfile profile, Browser browser) {
        return activeOrRefused(requestId, browser).chain(request -> connections.find(request.tenantId(),
                request.connectionId()).chain(connection -> connection == null
                        ? fail(requestId, "The connection of this sign-in no longer exists", browser)
                        : succeed(request, connection, profile, browser, Claim.NONE)));
    }

    /**
     * As {@link #succeed(String, UpstreamProfile, Browser)}, for an engine that has just read the pending request and
     * its connection: the finishing transaction consumes the request (a request used meanwhile ends on the error
     * page) and locks the connection (a connection deleted meanwhile ends the sign-in as failed).
     */
    public Uni<URI> succeed(PendingRequest request, SignInConnection connection, UpstreamProfile profile,
            Browser browser, Claim claim) {
        UpstreamUser user;
        try {
            user = upstreamUser(profile);
        } catch (UpstreamRefused refused) {
            return fail(request.id(), refused.getMessage(), browser);
        }
        return rolesOf(connection, profile.groups()).chain(roles -> finish(request.id(), connection, browser, claim,
                tx -> users.signInFromUpstream(tx, connection.tenantId(), connection.id(), user, browser.ip()),
                profile.groups(), roles, profile.customClaims()));
    }

    /**
     * The sign-in of pending request {@code requestId} failed (the IdP refused, the user cancelled, the answer failed
     * a check named by {@code description}): the redirect to the application with {@code access_denied}. Fails with
     * {@link PageRefused} when the request is no longer active.
     */
    public Uni<URI> fail(String requestId, String description, Browser browser) {
        return fail(requestId, AuthorizeRefused.ACCESS_DENIED, description, browser);
    }

    /** As {@link #fail(String, String, Browser)}, with another OAuth error code for the application. */
    Uni<URI> fail(String requestId, String error, String description, Browser browser) {
        if (!isRequestId(requestId)) {
            return Uni.createFrom().failure(new PageRefused(400, UNUSABLE));
        }
        return requests.consume(pool, requestId).chain(request -> {
            if (request == null) {
                return unusable(requestId, description, browser);
            }
            return connectionOrNull(request).chain(connection -> record(request.tenantId(), request.clientId(),
                    SignInEvent.FAILURE, request.test() ? description + " (" + TestResults.origin(request.testFor()) + ")"
                            : description, connection, request.organizationId(), null, null, browser)
                    .chain(() -> request.test()
                            ? tests.store(pool, request, TestSignInResult.failure(request.connectionId(), connection,
                                    description))
                            : Uni.createFrom().item(AppRedirect.error(request.redirectUri(), error, description,
                                    request.state(), publicUrl.issuer()))));
        });
    }

    /**
     * An IdP-initiated sign-in (no request of ours behind it), on a connection that allows it, for the application
     * {@code clientId}: the code goes to {@code redirectUri} (one of its callbacks), or to its first callback when
     * null, without {@code state}. The application must be allowed to use the connection (enabled for it, or the
     * connection is an organization's). Fails with {@link PageRefused} (and an {@code f} event) otherwise.
     */
    public Uni<URI> succeedIdpInitiated(TenantConfigCache.Snapshot config, SignInConnection connection,
            String clientId, String redirectUri, UpstreamProfile profile, Browser browser, Claim claim) {
        return (clientId == null ? Uni.createFrom().<SignInClient> nullItem() : client(config, clientId))
                .chain(client -> {
                    if (client == null || !client.tenantId().equals(connection.tenantId())) {
                        return refuseUnbound(connection, "IdP-initiated sign-in names no application of the tenant ("
                                + clientId + ")", browser);
                    }
                    String target = redirectUri != null ? redirectUri
                            : client.callbacks().isEmpty() ? null : client.callbacks().get(0);
                    if (target == null || !client.callbacks().contains(target)) {
                        return refuseUnbound(connection, "IdP-initiated sign-in: " + (target == null
                                ? "the application '" + client.name() + "' has no callback URL"
                                : "the redirect URI is not a callback URL of the application '" + client.name() + "'"),
                                browser);
                    }
                    return config.get(CONNECTION_ACCESS, connection.id() + " " + client.clientId(),
                            () -> connectionAccess.byId(connection.tenantId(), connection.id(), client.clientId()))
                            .chain(access -> {
                                if (access == null || !access.authenticationActive()
                                        || !access.enabledForClient() && connection.organizationId() == null) {
                                    return refuseUnbound(connection, "IdP-initiated sign-in: the connection '"
                                            + connection.name() + "' is not enabled for the application '" + client.name()
                                            + "'", browser);
                                }
                                UpstreamUser user;
                                try {
                                    user = upstreamUser(profile);
                                } catch (UpstreamRefused refused) {
                                    return refuseUnbound(connection, refused.getMessage(), browser);
                                }
                                return rolesOf(connection, profile.groups()).chain(roles -> idpInitiated(client, target,
                                        connection, user, profile, roles, browser, claim));
                            });
                });
    }

    /**
     * Writes the {@code f} event of an answer that cannot be tied to any request or application (unknown
     * RelayState, IdP-initiated where not allowed, ...); the caller shows an error page. {@code connection} may be
     * null when not even it is known (then nothing can be logged for a tenant).
     */
    public Uni<Void> failUnbound(SignInConnection connection, String description, Browser browser) {
        if (connection == null) {
            return Uni.createFrom().voidItem();
        }
        return record(connection.tenantId(), null, SignInEvent.FAILURE, description, connection,
                connection.organizationId(), null, null, browser);
    }

    /** A database user's password was right: consume the request, count the login, send the code. */
    Uni<URI> succeedDatabase(String requestId, SignInConnection connection, String userId, Browser browser) {
        return finish(requestId, connection, browser, Claim.NONE,
                tx -> users.recordLogin(tx, connection.tenantId(), connection.id(), userId, browser.ip()), List.of(),
                List.of(), Map.of());
    }

    /** Writes an event of a sign-in attempt of the pending request (password form: fp, fu, limit_wc). */
    Uni<Void> recordAttempt(PendingRequest request, SignInConnection connection, String type, String description,
            String userName, Browser browser) {
        return record(request.tenantId(), request.clientId(), type, description, connection,
                connection == null ? request.organizationId() : connection.organizationId(), null, userName, browser);
    }

    // --- the steps

    /**
     * The success path: in one transaction, make the {@code claim}, consume the request, write the user
     * ({@code userStep}), store the code and write the {@code s} event. A refusal on the way rolls all of it back and
     * ends the request as failed (a refused claim: the error page, the request left as it was).
     */
    private Uni<URI> finish(String requestId, SignInConnection connection, Browser browser, Claim claim,
            Function<SqlConnection, Uni<SignedInUser>> userStep, List<String> groups, List<String> roles,
            Map<String, Object> customClaims) {
        String code = Ids.secret(32);
        // The claim, the request and the user go to PostgreSQL together (pipelined on the transaction's connection,
        // run in this order), and so do the code and the event: two round trips instead of five. A refusal found in
        // the answers rolls back whatever the later statements wrote.
        return pool.withTransaction(tx -> Uni.combine().all().unis(List.of(claimed(tx, claim),
                requests.consume(tx, requestId), userStep.apply(tx))).with(answers -> answers)
                .chain(answers -> {
                    PendingRequest request = (PendingRequest) answers.get(1);
                    if (request == null) {
                        return Uni.createFrom().<URI> failure(new RequestUnusable());
                    }
                    if (!connection.id().equals(request.connectionId())) {
                        return Uni.createFrom().<URI> failure(new UpstreamRefused("The answer came through the "
                                + "connection '" + connection.name() + "', not the one this sign-in was started with"));
                    }
                    SignedInUser user = (SignedInUser) answers.get(2);
                    if (user == null) {
                        return Uni.createFrom().<URI> failure(new UpstreamRefused(
                                "The user or the connection of this sign-in no longer exists"));
                    }
                    if (user.blocked()) {
                        return Uni.createFrom().<URI> failure(new UpstreamRefused("The user " + user.userId()
                                + " is blocked"));
                    }
                    Map<String, Object> claims = claims(user, connection, groups, roles, customClaims,
                            request.nonce());
                    Uni<URI> target = request.test()
                            ? tests.store(tx, request, TestSignInResult.success(connection, user.userId(),
                                    user.email(), (String) claims.get("name"), groups, roles, claims))
                            : codes.insert(tx, new AuthorizationCodeRepository.StoredCode(SecretDigest.of(code),
                                    request.tenantId(), request.clientId(), request.redirectUri(),
                                    request.codeChallenge(), request.scope(), user.userId(), connection.id(),
                                    write(claims)), config.codeLifetime())
                                    .replaceWith(AppRedirect.code(request.redirectUri(), code, request.state(),
                                            publicUrl.issuer()));
                    Uni<Void> event = log.record(tx, event(request.tenantId(), request.clientId(), null,
                            SignInEvent.SUCCESS, request.test() ? "Successful login ("
                                    + TestResults.origin(request.testFor()) + ")" : "Successful login",
                            connection, connection.organizationId(), user.userId(), userName(user), browser));
                    return Uni.combine().all().unis(List.of(target, event)).with(both -> (URI) both.get(0));
                })).onFailure().recoverWithUni(failure -> {
                    if (failure instanceof ClaimRefused refused) {
                        return refuseUnbound(connection, refused.getMessage(), browser);
                    }
                    if (failure instanceof RequestUnusable) {
                        return unusable(requestId, null, browser);
                    }
                    if (failure instanceof UpstreamRefused refused) {
                        return fail(requestId, refused.getMessage(), browser);
                    }
                    if (failure instanceof UserExists) {
                        return fail(requestId, "Another user of the connection '" + connection.name()
                                + "' already has this email address", browser);
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private Uni<URI> idpInitiated(SignInClient client, String redirectUri, SignInConnection connection,
            UpstreamUser upstream, UpstreamProfile profile, List<String> roles, Browser browser, Claim claim) {
        String code = Ids.secret(32);
        // Pipelined as in finish(): the claim with the user, then the code with the event.
        return pool.withTransaction(tx -> Uni.combine().all().unis(List.of(claimed(tx, claim),
                users.signInFromUpstream(tx, connection.tenantId(), connection.id(), upstream, browser.ip())))
                .with(both -> (SignedInUser) both.get(1)).chain(user -> {
                    if (user == null) {
                        return Uni.createFrom().<URI> failure(new UpstreamRefused(
                                "The connection of this sign-in no longer exists"));
                    }
                    if (user.blocked()) {
                        return Uni.createFrom().<URI> failure(
                                new UpstreamRefused("The user " + user.userId() + " is blocked"));
                    }
                    Map<String, Object> claims = claims(user, connection, profile.groups(), roles,
                            profile.customClaims(), null);
                    Uni<Void> stored = codes.insert(tx, new AuthorizationCodeRepository.StoredCode(
                            SecretDigest.of(code), connection.tenantId(), client.clientId(), redirectUri, null,
                            IDP_INITIATED_SCOPE, user.userId(), connection.id(), write(claims)), config.codeLifetime());
                    Uni<Void> event = log.record(tx, event(connection.tenantId(), client.clientId(), client.name(),
                            SignInEvent.SUCCESS, "Successful login (IdP-initiated)", connection,
                            connection.organizationId(), user.userId(), userName(user), browser));
                    return Uni.combine().all().unis(List.of(stored, event))
                            .with(both -> AppRedirect.code(redirectUri, code, null, publicUrl.issuer()));
                })).onFailure().recoverWithUni(failure -> {
                    if (failure instanceof ClaimRefused refused) {
                        return refuseUnbound(connection, refused.getMessage(), browser);
                    }
                    if (failure instanceof UpstreamRefused refused) {
                        return refuseUnbound(connection, refused.getMessage(), browser);
                    }
                    if (failure instanceof UserExists) {
                        return refuseUnbound(connection, "Another user of the connection '" + connection.name()
                                + "' already has this email address", browser);
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    /** The claim, made in the transaction; a {@link ClaimRefused} when it was made before. */
    private static Uni<Void> claimed(SqlConnection tx, Claim claim) {
        return claim.first().apply(tx).chain(first -> first ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ClaimRefused(claim.refusal())));
    }

    /** The request is active, else the error page (with an {@code f} event when whose it was is known). */
    private Uni<PendingRequest> activeOrRefused(String requestId, Browser browser) {
        return pending(requestId).chain(request -> request != null ? Uni.createFrom().item(request)
                : unusable(requestId, null, browser).replaceWith((PendingRequest) null));
    }

    /** An answer for a request that is not active: the {@code f} event (when it is known) and the error page. */
    private <T> Uni<T> unusable(String requestId, String description, Browser browser) {
        Uni<PendingRequest> known = isRequestId(requestId) ? requests.findAny(requestId) : Uni.createFrom().nullItem();
        return known.chain(request -> request == null ? Uni.createFrom().voidItem()
                : connectionOrNull(request).chain(connection -> record(request.tenantId(), request.clientId(),
                        SignInEvent.FAILURE, "The answer came for a sign-in that has expired or was already completed "
                                + "(a late or replayed answer)" + (description == null ? "" : ": " + description),
                        connection, request.organizationId(), null, null, browser)))
                .chain(() -> Uni.createFrom().failure(new PageRefused(400, UNUSABLE)));
    }

    private <T> Uni<T> refuseUnbound(SignInConnection connection, String description, Browser browser) {
        return failUnbound(connection, description, browser)
                .chain(() -> Uni.createFrom().failure(new PageRefused(400, "The sign-in cannot be completed: "
                        + description + ".")));
    }

    private Uni<SignInConnection> connectionOrNull(PendingRequest request) {
        return request.connectionId() == null ? Uni.createFrom().nullItem()
                : connections.find(request.tenantId(), request.connectionId());
    }

    private Uni<List<String>> rolesOf(SignInConnection connection, List<String> groups) {
        return connection.organizationId() == null || groups.isEmpty() ? Uni.createFrom().item(List.of())
                : organizations.roleIds(connection.tenantId(), connection.id(), groups);
    }

    private Uni<Void> record(String tenantId, String clientId, String type, String description,
            SignInConnection connection, String organizationId, String userId, String userName, Browser browser) {
        // The application's name is read by the insert itself (SignInEventRepository).
        return log.record(event(tenantId, clientId, null, type, description, connection, organizationId, userId,
                userName, browser));
    }

    private static SignInEvent event(String tenantId, String clientId, String clientName, String type,
            String description, SignInConnection connection, String organizationId, String userId, String userName,
            Browser browser) {
        return new SignInEvent(tenantId, type, description, connection == null ? null : connection.name(),
                connection == null ? null : connection.id(), connection == null ? null : connection.strategy(),
                clientId, clientName, userId, userName, organizationId, browser.ip(), browser.userAgent());
    }

    private Map<String, Object> claims(SignedInUser user, SignInConnection connection, List<String> groups,
            List<String> roles, Map<String, Object> customClaims, String nonce) {
        return SignInClaims.of(user.userId(), user.email(), user.emailVerified(), user.name(), user.givenName(),
                user.familyName(), connection, groups, roles, customClaims, Instant.now().getEpochSecond(), nonce);
    }

    private String write(Map<String, Object> claims) {
        try {
            return json.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String userName(SignedInUser user) {
        return user.email() != null ? user.email() : user.userId();
    }

    static boolean isRequestId(String value) {
        return value != null && REQUEST_ID.matcher(value).matches();
    }

    /** The profile as a user row takes it; a refusal naming the field the IdP sent wrong. */
    private static UpstreamUser upstreamUser(UpstreamProfile profile) {
        String subject = profile.subject();
        if (subject == null || subject.isBlank()) {
            throw new UpstreamRefused("The identity provider sent no user identifier (NameID / sub)");
        }
        checkText("user identifier", subject, MAX_SUBJECT);
        checkText("email", profile.email(), MAX_EMAIL);
        checkText("name", profile.name(), MAX_NAME);
        checkText("first name", profile.givenName(), MAX_NAME);
        checkText("last name", profile.familyName(), MAX_NAME);
        return new UpstreamUser(subject, blankToNull(profile.email()), profile.emailVerified(),
                blankToNull(profile.name()), blankToNull(profile.givenName()), blankToNull(profile.familyName()));
    }

    private static void checkText(String what, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new UpstreamRefused("The identity provider sent a " + what + " longer than " + max + " characters");
        }
        if (!AuthorizationRequest.printable(value)) {
            throw new UpstreamRefused("The identity provider sent a " + what + " with control characters");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The finishing transaction's claim was made before (a replayed SAML assertion). */
    private static final class ClaimRefused extends RuntimeException {
        ClaimRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** The request was consumed or expired meanwhile (inside the finishing transaction). */
    private static final class RequestUnusable extends RuntimeException {
        RequestUnusable() {
            super(null, null, false, false);
        }
    }
}
