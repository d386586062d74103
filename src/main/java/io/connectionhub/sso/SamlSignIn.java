package io.connectionhub.sso;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.common.CallerContext;
import io.connectionhub.page.PageRefused;
import io.connectionhub.saml.SamlCheckFailed;
import io.connectionhub.saml.SamlReplays;
import io.connectionhub.saml.SamlResponseChecks;
import io.connectionhub.saml.SamlSettings;
import io.connectionhub.saml.SamlToolkit;
import io.connectionhub.saml.SpIdentity;
import io.connectionhub.saml.SpIdentityService;
import io.connectionhub.tenant.TenantConfigCache;
import io.smallrye.mutiny.Uni;

/**
 * The engine of SAML connections ({@code samlp}, and the organization family's {@code saml_*}): a signed AuthnRequest
 * by HTTP-Redirect whose RelayState is the pending request's id and whose ID is kept as the request's upstream id; at
 * the ACS, the response is checked ({@link SamlResponseChecks}), its assertion id recorded against replay, and the
 * sign-in ends through {@link SignInCompletion}: a code to the application, or {@code access_denied} naming the failed
 * check. A response no request can be tied to gets an error page (and its {@code f} event when the connection is
 * known); IdP-initiated responses are taken only where the connection allows them.
 */
@ApplicationScoped
public class SamlSignIn implements UpstreamSignIn {

    static final String UNKNOWN_ACS = "This sign-in address is not one of an active SAML connection.";
    static final String NOT_AN_ACCEPTED_ANSWER = "The sign-in cannot be completed: ";
    /** What {@link TenantConfigCache} keeps of an ACS, by SP token. */
    private static final String ACS = "saml-acs";
    /** What {@link TenantConfigCache} keeps of a SAML connection for its AuthnRequests, by connection id. */
    private static final String SETTINGS = "saml-settings";

    private final SamlSettingsLoader settings;
    private final SamlToolkit toolkit;
    private final SamlResponseChecks checks;
    private final SamlReplays replays;
    private final SpIdentityService spIdentities;
    private final SignInCompletion completion;
    private final TenantConfigCache configs;

    public SamlSignIn(SamlSettingsLoader settings, SamlToolkit toolkit, SamlResponseChecks checks, SamlReplays replays,
            SpIdentityService spIdentities, SignInCompletion completion, TenantConfigCache configs) {
        this.settings = settings;
        this.toolkit = toolkit;
        this.checks = checks;
        this.replays = replays;
        this.spIdentities = spIdentities;
        this.completion = completion;
        this.configs = configs;
    }

    @Override
    public UpstreamKind kind() {
        return UpstreamKind.SAML;
    }

    @Override
    public Uni<UpstreamStart> start(PendingRequest request, SignInConnection connection,
            TenantConfigCache.Snapshot config) {
        Uni<SamlSettings> connectionSettings = request.test() ? settings.load(connection, true)
                : config.get(SETTINGS, connection.id(), () -> settings.load(connection, false));
        return connectionSettings
                .chain(loaded -> CallerContext.onWorker(() -> toolkit.authnRequest(loaded, request.forceAuthn(),
                        request.id())))
                .map(redirect -> new UpstreamStart(redirect.url(), redirect.requestId(), Map.of(), Map.of()))
                .onFailure(SamlCheckFailed.class).transform(failure -> new UpstreamRefused(failure.getMessage()));
    }

    /**
     * A SAMLResponse posted to the ACS of the connection whose SP token is {@code token}: where to send the browser
     * (the application, with a code or {@code access_denied}). A {@link PageRefused} (an error page) when no request
     * or allowed IdP-initiated sign-in can be tied to it.
     */
    public Uni<URI> finish(String token, String samlResponseField, String relayState, Browser browser) {
        SamlResponseChecks.Message samlResponse = SamlResponseChecks.Message.of(samlResponseField);
        return acs(token).chain(acs -> {
            if (acs == null) {
                return Uni.createFrom().failure(new PageRefused(404, UNKNOWN_ACS));
            }
            SignInConnection connection = acs.connection();
            if (SignInCompletion.isRequestId(relayState)) {
                return completion.pending(relayState).chain(request -> request == null
                        ? refuse(connection, "Unknown RelayState: no pending sign-in has it (it expired, was "
                                + "already completed, or was never started here)", browser)
                        : spInitiated(acs, request, samlResponse, browser));
            }
            // No RelayState of ours: an IdP that dropped it (then InResponseTo finds the sign-in), or an
            // IdP-initiated sign-in.
            return CallerContext.onWorker(() -> checks.peekInResponseTo(samlResponse))
                    .chain(completion::pendingByUpstreamId)
                    .chain(request -> request != null && connection.id().equals(request.connectionId())
                            ? spInitiated(acs, request, samlResponse, browser)
                            : idpInitiated(acs, samlResponse, relayState, browser));
        });
    }

    /**
     * The ACS whose SP token is {@code token}, as its tenant's configuration is now (kept in memory while that is
     * unchanged: one read of its version per response); null when it is not an active SAML connection's.
     */
    private Uni<Acs> acs(String token) {
        return configs.currentFor(ACS, token, () -> spIdentities.byToken(token)
                .map(identity -> identity == null ? null : identity.tenantId()))
                .chain(config -> config == null ? Uni.createFrom().nullItem()
                        : config.get(ACS, token, () -> loadAcs(config.tenantId(), token))
                                .map(setUp -> setUp == null ? null : new Acs(setUp, config)));
    }

    private Uni<AcsSetUp> loadAcs(String tenantId, String token) {
        return spIdentities.byToken(token).chain(identity -> identity == null || !identity.tenantId().equals(tenantId)
                ? Uni.createFrom().nullItem()
                : completion.connection(tenantId, identity.connectionId()).chain(connection -> {
                    if (connection == null || connection.kind() != UpstreamKind.SAML) {
                        return Uni.createFrom().nullItem();
                    }
                    return settings.load(connection, identity, false)
                            .map(loaded -> new AcsSetUp(connection, identity, loaded, null))
                            .onFailure(SamlCheckFailed.class)
                            .recoverWithItem(unusable -> new AcsSetUp(connection, identity, null, unusable.getMessage()));
                }));
    }

    /**
     * An ACS's connection, the SP identity its address names, and the connection's settings for sign-in (or why it
     * cannot sign in: {@code unusable}).
     */
    private record AcsSetUp(SignInConnection connection, SpIdentity identity, SamlSettings settings, String unusable) {
    }

    /** The ACS a response came to, and its tenant's configuration as this request sees it. */
    private record Acs(AcsSetUp setUp, TenantConfigCache.Snapshot config) {

        SignInConnection connection() {
            return setUp.connection();
        }

        /** The connection's settings for sign-in; for a test sign-in, even when it is not active yet. */
        Uni<SamlSettings> settings(SamlSettingsLoader loader, boolean test) {
            if (test) {
                return loader.load(setUp.connection(), setUp.identity(), true);
            }
            return setUp.settings() != null ? Uni.createFrom().item(setUp.settings())
                    : Uni.createFrom().failure(new SamlCheckFailed(setUp.unusable()));
        }
    }

    private Uni<URI> spInitiated(Acs acs, PendingRequest request, SamlResponseChecks.Message samlResponse,
            Browser browser) {
        SignInConnection connection = acs.connection();
        if (!connection.id().equals(request.connectionId()) || request.upstreamId() == null) {
            return completion.fail(request.id(), "The SAML response came to the ACS of the connection '"
                    + connection.name() + "', not to the one this sign-in was started with", browser);
        }
        return acs.settings(settings, request.test())
                .chain(loaded -> check(loaded, samlResponse, request.upstreamId()))
                .chain(checked -> completion.succeed(request, connection,
                        SamlProfile.of(checked.settings(), checked.accepted()), browser,
                        firstUse(connection, checked.accepted())))
                .onFailure(SamlCheckFailed.class)
                .recoverWithUni(failure -> completion.fail(request.id(), failure.getMessage(), browser));
    }

    /**
     * No request of ours behind the response: only where the connection allows IdP-initiated sign-in, for the
     * application it names ({@code options.idpinitiated.client_id}; for an organization connection, the RelayState),
     * to the callback {@code client_authorizequery} or a RelayState URL names when it is one of the application's.
     */
    private Uni<URI> idpInitiated(Acs acs, SamlResponseChecks.Message samlResponse, String relayState,
            Browser browser) {
        SignInConnection connection = acs.connection();
        return acs.settings(settings, false).chain(loaded -> {
            if (!loaded.idpInitiated().enabled()) {
                return refuse(connection, "IdP-initiated sign-in is not allowed on the connection '" + connection.name()
                        + "' (the response answers no pending AuthnRequest and has no RelayState of a pending sign-in)",
                        browser);
            }
            return check(loaded, samlResponse, null);
        }).chain(checked -> {
            SamlSettings.IdpInitiated rule = checked.settings().idpInitiated();
            String clientId = connection.organizationId() == null ? rule.clientId() : relayState;
            if (clientId == null || clientId.isBlank()) {
                return refuse(connection, connection.organizationId() == null
                        ? "IdP-initiated sign-in on the connection '" + connection.name() + "' names no application "
                                + "(options.idpinitiated.client_id)"
                        : "IdP-initiated sign-in on the connection '" + connection.name() + "' needs the "
                                + "application's client_id as RelayState", browser);
            }
            return redirectUri(acs.config(), clientId, rule.redirectUri(),
                    connection.organizationId() == null ? relayState : null)
                    .chain(redirectUri -> completion.succeedIdpInitiated(acs.config(), connection, clientId, redirectUri,
                            SamlProfile.of(checked.settings(), checked.accepted()), browser,
                            firstUse(connection, checked.accepted())));
        }).onFailure(SamlCheckFailed.class).recoverWithUni(failure -> refuse(connection, failure.getMessage(), browser));
    }

    /** The RelayState URL when it is exactly one of the application's callbacks, else the configured one (or null). */
    private Uni<String> redirectUri(TenantConfigCache.Snapshot config, String clientId, String configured,
            String relayState) {
        if (relayState == null || !(relayState.startsWith("https://") || relayState.startsWith("http://"))) {
            return Uni.createFrom().item(configured);
        }
        return completion.client(config, clientId).map(client -> client != null && client.callbacks().contains(relayState)
                ? relayState : configured);
    }

    private record Checked(SamlSettings settings, SamlResponseChecks.Accepted accepted) {
    }

    /** Every check, off the event loop. */
    private Uni<Checked> check(SamlSettings loaded, SamlResponseChecks.Message samlResponse,
            String expectedInResponseTo) {
        return CallerContext.onWorker(() -> new Checked(loaded, checks.check(loaded, samlResponse, expectedInResponseTo,
                Instant.now())));
    }

    /**
     * The assertion id enters the replay table in the sign-in's finishing transaction, or the answer is a replay: its
     * event and an error page.
     */
    private SignInCompletion.Claim firstUse(SignInConnection connection, SamlResponseChecks.Accepted accepted) {
        return new SignInCompletion.Claim(tx -> replays.firstUse(tx, connection.id(), accepted.assertionId(),
                accepted.keepUntil()), "Replay refused: the assertion " + accepted.assertionId()
                        + " was already used to sign in");
    }

    private <T> Uni<T> refuse(SignInConnection connection, String description, Browser browser) {
        return completion.failUnbound(connection, description, browser)
                .chain(() -> Uni.createFrom().failure(new PageRefused(400, NOT_AN_ACCEPTED_ANSWER + description + ".")));
    }
}
