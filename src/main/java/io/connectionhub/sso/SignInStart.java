package io.connectionhub.sso;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.connectionhub.auth.AuthorizationCodeGrant;
import io.connectionhub.auth.PublicUrl;
import io.connectionhub.common.Ids;
import io.connectionhub.page.PageRefused;
import io.connectionhub.tenant.ClientService;
import io.connectionhub.tenant.SignInClient;
import io.connectionhub.tenant.TenantConfigCache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The start of a sign-in: {@code /authorize} checks the request (an error page while the application's redirect URI
 * is not established, error redirects after), stores it, routes it to a connection (or to the identifier or
 * organization page) and hands it to the connection's engine. The identifier and organization pages continue here.
 */
@ApplicationScoped
class SignInStart {

    static final String IDENTIFIER_PAGE = "/u/login/identifier";
    static final String ORGANIZATION_PAGE = "/u/login/organization";
    static final String UNKNOWN_CLIENT = "The application that sent you here is not registered (unknown client_id).";

    private final ClientService clients;
    private final SignInRouter router;
    private final PendingRequestRepository requests;
    private final SignInCompletion completion;
    private final SignInLog log;
    private final PublicUrl publicUrl;
    private final SsoConfig settings;
    private final TenantConfigCache configs;
    private final Map<UpstreamKind, UpstreamSignIn> engines = new EnumMap<>(UpstreamKind.class);

    SignInStart(ClientService clients, SignInRouter router, PendingRequestRepository requests,
            SignInCompletion completion, SignInLog log, PublicUrl publicUrl, SsoConfig settings,
            TenantConfigCache configs, Instance<UpstreamSignIn> engines) {
        this.clients = clients;
        this.router = router;
        this.requests = requests;
        this.completion = completion;
        this.log = log;
        this.publicUrl = publicUrl;
        this.settings = settings;
        this.configs = configs;
        for (UpstreamSignIn engine : engines) {
            UpstreamSignIn other = this.engines.put(engine.kind(), engine);
            if (other != null) {
                throw new IllegalStateException("Two sign-in engines for " + engine.kind() + ": "
                        + other.getClass().getName() + " and " + engine.getClass().getName());
            }
        }
    }

    /** {@code /authorize}: where to send the browser. */
    Uni<URI> authorize(Map<String, List<String>> parameters, Browser browser) {
        String clientId = AuthorizationRequest.clientId(parameters);
        return configOf(clientId).chain(config -> config == null
                ? Uni.createFrom().failure(new PageRefused(400, UNKNOWN_CLIENT))
                : completion.client(config, clientId).chain(client -> authorize(config, client, parameters, browser)));
    }

    /** The configuration, as it is now, of the tenant whose application has this client id; null when none has. */
    private Uni<TenantConfigCache.Snapshot> configOf(String clientId) {
        if (clientId == null) {
            return Uni.createFrom().nullItem();
        }
        return configs.currentFor(SignInCompletion.CLIENT, clientId, () -> clients.findForSignIn(clientId)
                .map(client -> client == null ? null : client.tenantId()));
    }

    private Uni<URI> authorize(TenantConfigCache.Snapshot config, SignInClient client,
            Map<String, List<String>> parameters, Browser browser) {
        if (client == null) {
            throw new PageRefused(400, UNKNOWN_CLIENT);
        }
        String redirectUri;
        try {
            redirectUri = AuthorizationRequest.redirectUri(parameters, client);
        } catch (PageRefused refused) {
            return log.record(event(client, SignInEvent.FAILURE, "Callback URL mismatch: the redirect_uri is not "
                    + "one of the application's callback URLs (" + first(parameters, "redirect_uri") + ")", browser))
                    .chain(() -> Uni.createFrom().failure(refused));
        }
        String state = AuthorizationRequest.state(parameters);
        return Uni.createFrom().item(() -> {
            AuthorizationRequest.checkState(parameters);
            AuthorizationRequest request = AuthorizationRequest.parse(parameters, client, redirectUri, state);
            if (!client.allowsGrant(AuthorizationCodeGrant.GRANT_TYPE)) {
                throw new AuthorizeRefused(AuthorizeRefused.UNAUTHORIZED_CLIENT,
                        "The application may not use the authorization code grant (see its grant_types)");
            }
            return request;
        }).chain(request -> router.route(config, client, request)
                .chain(route -> begin(config, client, request, route, browser)))
                .onFailure(AuthorizeRefused.class).recoverWithUni(failure -> refuse(client, redirectUri, state,
                        (AuthorizeRefused) failure, browser));
    }

    /** The identifier page's email: where it routes, or the form again. */
    Uni<FormOutcome> identifier(String requestId, String email, Browser browser) {
        return active(requestId).chain(request -> {
            if (email == null || email.isBlank() || email.length() > 254 || !AuthorizationRequest.printable(email)
                    || SignInRouter.domainOf(email.trim()) == null) {
                return Uni.createFrom().item(FormOutcome.again(400, "Enter a valid email address."));
            }
            String given = email.trim();
            return client(request).chain(client -> router.byEmail(client, given).chain(route -> {
                if (route == null) {
                    return log.record(event(client, SignInEvent.FAILURE, SignInRouter.noConnectionFor(given), browser))
                            .replaceWith(FormOutcome.again(400, "There is no way to sign in with this email address "
                                    + "here. Check it, or ask your administrator."));
                }
                return continueWith(request, client, route, given, browser).map(FormOutcome::redirect);
            }).onFailure(AuthorizeRefused.class).recoverWithUni(failure -> completion.fail(request.id(),
                    ((AuthorizeRefused) failure).error(), failure.getMessage(), browser).map(FormOutcome::redirect)));
        });
    }

    /** The organization page's choice. */
    Uni<URI> choose(String requestId, String connectionId, Browser browser) {
        return active(requestId).chain(request -> {
            if (request.organizationId() == null) {
                throw new PageRefused(400, "This sign-in has no organization to choose a connection of.");
            }
            if (connectionId == null || connectionId.length() > 64 || !AuthorizationRequest.printable(connectionId)) {
                throw new PageRefused(400, "Choose one of the connections offered.");
            }
            return client(request).chain(client -> router.chosen(client, request.organizationId(), connectionId)
                    .chain(connection -> continueWith(request, client, new SignInRouter.To(connection), null, browser))
                    .onFailure(AuthorizeRefused.class).recoverWithUni(failure -> completion.fail(request.id(),
                            ((AuthorizeRefused) failure).error(), failure.getMessage(), browser)));
        });
    }

    /** What the organization page offers for an active request. */
    Uni<List<SignInConnection>> choices(String requestId) {
        return active(requestId).chain(request -> {
            if (request.organizationId() == null) {
                throw new PageRefused(400, "This sign-in has no organization to choose a connection of.");
            }
            return client(request).chain(client -> router.offered(client, request.organizationId(), request.loginHint()));
        });
    }

    /**
     * A test sign-in of {@code testFor} through the connection: stored like an application's request (without an
     * application; the IdP is asked to authenticate again), then handed to the connection's engine. Where it ends is
     * {@link SignInCompletion}'s: the result page.
     */
    Uni<URI> startTest(String testFor, SignInConnection connection, Browser browser) {
        PendingRequest pending = new PendingRequest(Ids.secret(32), connection.tenantId(), null, null, null, null, null,
                null, "openid profile email", connection.id(), connection.organizationId(), null, "login", null,
                Map.of(), Map.of(), null, testFor);
        return requests.insert(pending, settings.requestLifetime()).chain(stored -> start(stored, connection, browser));
    }

    /** The active request behind a page, else the error page. */
    Uni<PendingRequest> active(String requestId) {
        return completion.pending(requestId).map(request -> {
            if (request == null) {
                throw new PageRefused(400, SignInCompletion.UNUSABLE);
            }
            return request;
        });
    }

    Uni<SignInClient> client(PendingRequest request) {
        return clients.findForSignIn(request.clientId()).map(client -> {
            if (client == null) {
                throw new PageRefused(400, SignInCompletion.UNUSABLE);
            }
            return client;
        });
    }

    /** Stores a new request and goes where the route says. */
    private Uni<URI> begin(TenantConfigCache.Snapshot config, SignInClient client, AuthorizationRequest request,
            SignInRouter.Route route, Browser browser) {
        SignInConnection connection = route instanceof SignInRouter.To to ? to.connection() : null;
        String organizationId = connection != null ? connection.organizationId()
                : route instanceof SignInRouter.Choose choose ? choose.organizationId() : null;
        PendingRequest pending = new PendingRequest(Ids.secret(32), client.tenantId(), client.clientId(),
                request.redirectUri(), request.state(), request.nonce(), request.codeChallenge(),
                request.codeChallengeMethod(), request.scope(), connection == null ? null : connection.id(),
                organizationId, request.loginHint(), request.prompt(), null, Map.of(), Map.of(), null);
        UpstreamSignIn engine = connection == null ? null : engines.get(connection.kind());
        if (engine == null) {
            return requests.insert(pending, settings.requestLifetime()).chain(stored -> {
                if (connection != null) {
                    return start(config, stored, connection, browser);
                }
                String page = route instanceof SignInRouter.Choose ? ORGANIZATION_PAGE : IDENTIFIER_PAGE;
                return Uni.createFrom().item(URI.create(publicUrl.base() + page + "?state=" + stored.id()));
            });
        }
        // The engine starts first, so that the request is written once, with what the engine must find again. When
        // it cannot start, the request is stored without it and ends as failed, as a started one would.
        return Uni.createFrom().deferred(() -> engine.start(pending, connection, config))
                .map(started -> new Begun(started, null)).onFailure().recoverWithItem(failure -> new Begun(null, failure))
                .chain(begun -> requests.insert(pending, settings.requestLifetime(), begun.started())
                        .chain(stored -> begun.failure() == null ? Uni.createFrom().item(begun.started().redirect())
                                : notStarted(stored, connection, begun.failure(), browser)));
    }

    /** What an engine gave for a request not stored yet: how it started, or why it could not. */
    private record Begun(UpstreamStart started, Throwable failure) {
    }

    /** A stored request routed from a page: records the route, then goes on. */
    private Uni<URI> continueWith(PendingRequest request, SignInClient client, SignInRouter.Route route, String email,
            Browser browser) {
        if (route instanceof SignInRouter.To to) {
            return requests.route(request.id(), to.connection().id(), to.connection().organizationId(), email)
                    .chain(routed -> routed == null ? Uni.createFrom().failure(new PageRefused(400, SignInCompletion.UNUSABLE))
                            : start(routed, to.connection(), browser));
        }
        SignInRouter.Choose choose = (SignInRouter.Choose) route;
        return requests.route(request.id(), null, choose.organizationId(), email).map(routed -> {
            if (routed == null) {
                throw new PageRefused(400, SignInCompletion.UNUSABLE);
            }
            return URI.create(publicUrl.base() + ORGANIZATION_PAGE + "?state=" + routed.id());
        });
    }

    /** As {@link #start(TenantConfigCache.Snapshot, PendingRequest, SignInConnection, Browser)}, reading the snapshot. */
    private Uni<URI> start(PendingRequest request, SignInConnection connection, Browser browser) {
        return configs.current(request.tenantId()).chain(config -> config == null
                ? Uni.createFrom().failure(new PageRefused(400, SignInCompletion.UNUSABLE))
                : start(config, request, connection, browser));
    }

    /**
     * Hands the request to the engine of its connection. Without an engine for that kind of connection, or when the
     * engine refuses, the request ends with an error to the application.
     */
    private Uni<URI> start(TenantConfigCache.Snapshot config, PendingRequest request, SignInConnection connection,
            Browser browser) {
        UpstreamSignIn engine = engines.get(connection.kind());
        if (engine == null) {
            return completion.fail(request.id(), "Sign-in through " + connection.kind() + " connections (strategy "
                    + connection.strategy() + ", connection '" + connection.name() + "') is not available on this service",
                    browser);
        }
        return Uni.createFrom().deferred(() -> engine.start(request, connection, config))
                .chain(started -> requests.attachUpstream(request.id(), started).map(attached -> {
                    if (!attached) {
                        throw new PageRefused(400, SignInCompletion.UNUSABLE);
                    }
                    return started.redirect();
                }))
                .onFailure().recoverWithUni(failure -> notStarted(request, connection, failure, browser));
    }

    /**
     * The engine could not start the stored request: a refusal ends it as failed naming why; anything else but an
     * error page is logged and ends it with {@code server_error}.
     */
    private Uni<URI> notStarted(PendingRequest request, SignInConnection connection, Throwable failure,
            Browser browser) {
        if (failure instanceof UpstreamRefused) {
            return completion.fail(request.id(), failure.getMessage(), browser);
        }
        if (failure instanceof PageRefused) {
            return Uni.createFrom().failure(failure);
        }
        Log.errorf(failure, "The %s engine failed to start sign-in request of connection %s", connection.kind(),
                connection.id());
        return completion.fail(request.id(), AuthorizeRefused.SERVER_ERROR,
                "The sign-in could not be started at the identity provider (internal error)", browser);
    }

    /** The error redirect to the application, and its {@code f} event. */
    private Uni<URI> refuse(SignInClient client, String redirectUri, String state, AuthorizeRefused refused,
            Browser browser) {
        return log.record(event(client, SignInEvent.FAILURE, refused.getMessage(), browser))
                .replaceWith(AppRedirect.error(redirectUri, refused.error(), refused.getMessage(), state,
                        publicUrl.issuer()));
    }

    private static SignInEvent event(SignInClient client, String type, String description, Browser browser) {
        return new SignInEvent(client.tenantId(), type, description, null, null, null, client.clientId(), client.name(),
                null, null, null, browser.ip(), browser.userAgent());
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? "none" : values.get(0);
    }
}
