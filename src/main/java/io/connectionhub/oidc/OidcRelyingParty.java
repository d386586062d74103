package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.CALLBACK_ISSUER;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_MALFORMED;
import static io.connectionhub.oidc.OidcCheckFailed.Check.IDP_ERROR;
import static io.connectionhub.oidc.OidcCheckFailed.Check.MISSING_CODE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.TOKEN_EXCHANGE;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.common.CallerContext;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.saml.OutboundRequestFailed;
import io.connectionhub.saml.OutboundRequestRefused;
import io.smallrye.mutiny.Uni;

/**
 * The service as relying party of an OIDC connection's IdP: the authorization request of the code flow (PKCE S256,
 * state, nonce, {@code prompt=login} on demand) and, on the callback, the IdP's answer checked (RFC 9207 issuer, IdP
 * error), the code exchanged with the client secret, and the ID token validated ({@link IdTokenChecks}). The HTTP goes
 * through the {@link OutboundFetcher} (reactive, under the outbound rules); Nimbus builds and parses the messages.
 * Every failure is an {@link OidcCheckFailed}.
 */
@ApplicationScoped
public class OidcRelyingParty {

    private static final int MAX_IDP_TEXT = 300;

    private final OidcDiscovery discovery;
    private final OidcKeys keys;
    private final OutboundFetcher fetcher;
    private final PublicUrl publicUrl;
    private final Duration clockSkew;

    public OidcRelyingParty(OidcDiscovery discovery, OidcKeys keys, OutboundFetcher fetcher, PublicUrl publicUrl,
            @ConfigProperty(name = "connectionhub.sso.clock-skew", defaultValue = "60s") Duration clockSkew) {
        this.discovery = discovery;
        this.keys = keys;
        this.fetcher = fetcher;
        this.publicUrl = publicUrl;
        this.clockSkew = clockSkew;
    }

    /** The redirect URI registered at every OIDC connection's IdP: {@code <public-url>/login/callback}. */
    public String callbackUrl() {
        return publicUrl.oidcCallbackUrl();
    }

    /**
     * The authorization request to send the browser to: {@code state} is the caller's opaque handle of its pending
     * request (a random one when null); a fresh nonce and PKCE verifier come back to be stored with it.
     */
    public Uni<OidcRedirect> authorization(OidcSettings settings, String state, boolean forceLogin, String loginHint) {
        return discovery.provider(settings).map(provider -> {
            State upstreamState = state == null ? new State() : new State(state);
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                    new Scope(settings.scopes().toArray(new String[0])), new ClientID(settings.clientId()),
                    URI.create(callbackUrl()))
                    .endpointURI(provider.authorizationEndpoint())
                    .state(upstreamState)
                    .nonce(nonce)
                    .codeChallenge(verifier, CodeChallengeMethod.S256);
            if (forceLogin) {
                request.prompt(new Prompt(Prompt.Type.LOGIN));
            }
            if (loginHint != null && !loginHint.isBlank()) {
                request.loginHint(loginHint);
            }
            return new OidcRedirect(request.build().toURI(), upstreamState.getValue(), nonce.getValue(),
                    verifier.getValue());
        });
    }

    /**
     * The user the IdP signed in, once its callback passed every check: {@code nonce} and {@code codeVerifier} are
     * the ones {@link #authorization} gave for the pending request the callback's state names.
     */
    public Uni<OidcProfile> complete(OidcSettings settings, OidcCallback callback, String nonce, String codeVerifier) {
        return discovery.provider(settings).chain(provider -> {
            callbackIssuer(provider, callback);
            idpError(callback);
            if (callback.code() == null || callback.code().isBlank()) {
                throw new OidcCheckFailed(MISSING_CODE, "The IdP's callback has neither a code nor an error");
            }
            return exchange(settings, provider, callback.code(), codeVerifier)
                    .chain(idToken -> validate(settings, provider, idToken, nonce));
        });
    }

    /** RFC 9207: an {@code iss} on the callback must be the issuer; one the IdP promises must be there. */
    static void callbackIssuer(OidcProvider provider, OidcCallback callback) {
        if (callback.iss() != null) {
            if (!provider.issuer().equals(callback.iss())) {
                throw new OidcCheckFailed(CALLBACK_ISSUER, "Callback issuer mismatch: expected \"" + provider.issuer()
                        + "\", got \"" + printable(callback.iss()) + "\" (RFC 9207; the answer may come from another IdP)");
            }
        } else if (provider.issuerParameterSupported()) {
            throw new OidcCheckFailed(CALLBACK_ISSUER, "The IdP advertises authorization_response_iss_parameter_supported"
                    + " but its callback has no iss (RFC 9207)");
        }
    }

    private static void idpError(OidcCallback callback) {
        if (callback.error() != null) {
            String error = printable(callback.error());
            String description = callback.errorDescription() == null ? null : printable(callback.errorDescription());
            throw new OidcCheckFailed(IDP_ERROR, "The IdP refused the sign-in: " + error
                    + (description == null ? "" : " (" + description + ")"), error, description);
        }
    }

    /** The code for tokens at the token endpoint, with the client secret as the IdP accepts it; the ID token. */
    private Uni<String> exchange(OidcSettings settings, OidcProvider provider, String code, String codeVerifier) {
        ClientID clientId = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        ClientAuthentication authentication = switch (authenticationMethod(provider)) {
            case POST -> new ClientSecretPost(clientId, secret);
            case BASIC -> new ClientSecretBasic(clientId, secret);
        };
        HTTPRequest request = new TokenRequest(provider.tokenEndpoint(), authentication, new AuthorizationCodeGrant(
                new AuthorizationCode(code), URI.create(callbackUrl()), new CodeVerifier(codeVerifier)))
                .toHTTPRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        String endpoint = provider.tokenEndpoint().toString();
        return fetcher.post(endpoint, headers, "application/x-www-form-urlencoded",
                request.getBody().getBytes(StandardCharsets.UTF_8), OutboundFetcher.ACCEPT_JSON)
                .onFailure(failure -> failure instanceof OutboundRequestRefused || failure instanceof OutboundRequestFailed)
                .transform(failure -> new OidcCheckFailed(TOKEN_EXCHANGE, "The code could not be exchanged: "
                        + failure.getMessage()))
                .map(reply -> idToken(endpoint, reply));
    }

    private enum SecretMethod {
        BASIC, POST
    }

    /** client_secret_basic when the IdP accepts it (the default when it names none), else client_secret_post. */
    private static SecretMethod authenticationMethod(OidcProvider provider) {
        List<ClientAuthenticationMethod> methods = provider.tokenAuthMethods();
        if (methods.isEmpty() || methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
            return SecretMethod.BASIC;
        }
        if (methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return SecretMethod.POST;
        }
        throw new OidcCheckFailed(TOKEN_EXCHANGE, "The IdP's token endpoint accepts only " + methods
                + "; the connection's client secret can be sent by client_secret_basic or client_secret_post");
    }

    private static String idToken(String endpoint, OutboundFetcher.Reply reply) {
        HTTPResponse response = new HTTPResponse(reply.status());
        if (reply.contentType() != null) {
            response.setHeader("Content-Type", reply.contentType());
        }
        response.setBody(new String(reply.body(), StandardCharsets.UTF_8));
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw new OidcCheckFailed(TOKEN_EXCHANGE, "The token endpoint " + endpoint + " answered HTTP "
                    + reply.status() + " with something other than a token response: " + e.getMessage());
        }
        if (!parsed.indicatesSuccess()) {
            ErrorObject error = parsed.toErrorResponse().getErrorObject();
            String code = error.getCode() == null ? "HTTP " + reply.status() : printable(error.getCode());
            String description = error.getDescription() == null ? null : printable(error.getDescription());
            throw new OidcCheckFailed(TOKEN_EXCHANGE, "The token endpoint refused the code: " + code
                    + (description == null ? "" : " (" + description + ")"), code, description);
        }
        if (!(parsed.toSuccessResponse() instanceof OIDCTokenResponse tokens)
                || tokens.getOIDCTokens().getIDTokenString() == null) {
            throw new OidcCheckFailed(ID_TOKEN_MALFORMED, "The token endpoint answered without an id_token; the "
                    + "connection's scopes must include openid");
        }
        return tokens.getOIDCTokens().getIDTokenString();
    }

    /** The ID token's key from the IdP's key set (fetched again once for an unknown key), then every check. */
    private Uni<OidcProfile> validate(OidcSettings settings, OidcProvider provider, String idToken, String nonce) {
        SignedJWT token = IdTokenChecks.parse(idToken);
        URI jwksUri = provider.jwksUri();
        return keys.keys(jwksUri).chain(current -> {
            List<JWK> candidates = IdTokenChecks.candidates(token, current);
            if (!candidates.isEmpty()) {
                return Uni.createFrom().item(candidates);
            }
            return keys.refreshed(jwksUri).map(fresh -> {
                List<JWK> found = IdTokenChecks.candidates(token, fresh);
                if (found.isEmpty()) {
                    throw IdTokenChecks.unknownKey(token, fresh, jwksUri.toString());
                }
                return found;
            });
        }).chain(candidates -> CallerContext.onWorker(() -> IdTokenChecks.verify(token, candidates,
                new IdTokenChecks.Expected(provider.issuer(), settings.clientId(), nonce, Instant.now(), clockSkew))))
                .map(OidcProfile::of);
    }

    /** Text the IdP or the browser sent, cut to a length a log line and a redirect can carry, without control characters. */
    static String printable(String text) {
        String cleaned = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > MAX_IDP_TEXT ? cleaned.substring(0, MAX_IDP_TEXT) + "..." : cleaned;
    }
}
