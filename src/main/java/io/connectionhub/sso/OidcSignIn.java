package io.connectionhub.sso;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.oidc.OidcCallback;
import io.connectionhub.oidc.OidcCheckFailed;
import io.connectionhub.oidc.OidcProfile;
import io.connectionhub.oidc.OidcRelyingParty;
import io.connectionhub.oidc.OidcSettingsLoader;
import io.connectionhub.page.PageRefused;
import io.connectionhub.tenant.TenantConfigCache;
import io.smallrye.mutiny.Uni;

/**
 * The engine of OIDC connections ({@code oidc}, and the organization family's {@code oidc_*}): the pending request's
 * id goes to the IdP as {@code state}, its nonce is kept with the request and its PKCE verifier sealed; on
 * {@code /login/callback} the request is found by the state, the IdP's answer checked by the relying party
 * ({@link OidcRelyingParty}), and the sign-in ends through {@link SignInCompletion}: a code to the application, or
 * {@code access_denied} naming the failed check.
 */
@ApplicationScoped
public class OidcSignIn implements UpstreamSignIn {

    static final String NONCE = "oidc_nonce";
    static final String CODE_VERIFIER = "oidc_code_verifier";
    static final String NOT_OIDC = "This answer does not belong to a sign-in at an OIDC identity provider. Go back to "
            + "the application and sign in again.";

    private final OidcSettingsLoader settings;
    private final OidcRelyingParty relyingParty;
    private final SignInCompletion completion;

    public OidcSignIn(OidcSettingsLoader settings, OidcRelyingParty relyingParty, SignInCompletion completion) {
        this.settings = settings;
        this.relyingParty = relyingParty;
        this.completion = completion;
    }

    @Override
    public UpstreamKind kind() {
        return UpstreamKind.OIDC;
    }

    @Override
    public Uni<UpstreamStart> start(PendingRequest request, SignInConnection connection,
            TenantConfigCache.Snapshot config) {
        // Not from the configuration kept in memory: the settings may come with the IdP's discovery document.
        return settings.load(connection.tenantId(), connection.id(), request.test())
                .chain(loaded -> relyingParty.authorization(loaded, request.id(), request.forceAuthn(),
                        request.loginHint()))
                .map(redirect -> new UpstreamStart(redirect.url(), null, Map.of(NONCE, redirect.nonce()),
                        Map.of(CODE_VERIFIER, redirect.codeVerifier())))
                .onFailure(OidcCheckFailed.class).transform(failure -> new UpstreamRefused(failure.getMessage()));
    }

    /**
     * The IdP's answer on the callback: where to send the browser (the application, with a code or
     * {@code access_denied}). An unknown, expired or used state is a {@link PageRefused} (an error page).
     */
    public Uni<URI> finish(OidcCallback callback, Browser browser) {
        return completion.pending(callback.state()).chain(request -> {
            if (request == null) {
                return Uni.createFrom().failure(new PageRefused(400, SignInCompletion.UNUSABLE));
            }
            String nonce = request.upstream() == null ? null : request.upstream().get(NONCE);
            String verifier = request.upstreamSecrets() == null ? null : request.upstreamSecrets().get(CODE_VERIFIER);
            if (request.connectionId() == null || nonce == null || verifier == null) {
                return Uni.createFrom().failure(new PageRefused(400, NOT_OIDC));
            }
            return settings.load(request.tenantId(), request.connectionId(), request.test())
                    .chain(loaded -> relyingParty.complete(loaded, callback, nonce, verifier))
                    .chain(profile -> completion.succeed(request.id(), upstreamProfile(profile), browser))
                    .onFailure(OidcCheckFailed.class)
                    .recoverWithUni(failure -> completion.fail(request.id(), failure.getMessage(), browser));
        });
    }

    /** The standard claims; every claim as text values for the raw attributes (kept out of tokens and logs). */
    static UpstreamProfile upstreamProfile(OidcProfile profile) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        profile.claims().forEach((name, value) -> {
            List<String> values = new ArrayList<>();
            if (value instanceof Collection<?> many) {
                many.forEach(item -> values.add(String.valueOf(item)));
            } else {
                values.add(String.valueOf(value));
            }
            attributes.put(name, values);
        });
        return new UpstreamProfile(profile.subject(), profile.email(), Boolean.TRUE.equals(profile.emailVerified()),
                profile.name(), profile.givenName(), profile.familyName(), profile.groups(), Map.of(), attributes);
    }
}
