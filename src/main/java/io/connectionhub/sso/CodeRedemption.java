package io.connectionhub.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.AuthorizationCodeGrant;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.auth.TokenRefused;
import io.connectionhub.auth.TokenRequest;
import io.connectionhub.auth.TokenResponse;
import io.connectionhub.common.CallerContext;
import io.connectionhub.common.Ids;
import io.connectionhub.tenant.ClientService;
import io.connectionhub.tenant.SignInClient;
import io.smallrye.mutiny.Uni;

/**
 * The {@code authorization_code} grant: the application proves it is the client the code was given to (its secret,
 * or for a public client the PKCE verifier), the code is redeemed once (one UPDATE; a second use is refused and
 * revokes the access token the first gave), it must come with the redirect URI and the PKCE verifier it was bound
 * to, and then the id token and the {@code /userinfo} access token are signed. Each exchange writes a
 * {@code seacft} or {@code feacft} log event.
 */
@ApplicationScoped
class CodeRedemption implements AuthorizationCodeGrant {

    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
    };
    /** RFC 7636 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_PARAMETER = 2048;

    private final ClientService clients;
    private final AuthorizationCodeRepository codes;
    private final SignInTokens tokens;
    private final SignInLog log;
    private final SsoConfig config;
    private final ObjectMapper json;

    CodeRedemption(ClientService clients, AuthorizationCodeRepository codes, SignInTokens tokens, SignInLog log,
            SsoConfig config, ObjectMapper json) {
        this.clients = clients;
        this.codes = codes;
        this.tokens = tokens;
        this.log = log;
        this.config = config;
        this.json = json;
    }

    @Override
    public Uni<TokenResponse> redeem(TokenRequest request) {
        String clientId = request.clientId();
        if (blank(clientId)) {
            throw refused(TokenRefused.Reason.INVALID_REQUEST, "Missing required parameter: client_id");
        }
        if (blank(request.code())) {
            throw refused(TokenRefused.Reason.INVALID_REQUEST, "Missing required parameter: code");
        }
        if (blank(request.redirectUri())) {
            throw refused(TokenRefused.Reason.INVALID_REQUEST, "Missing required parameter: redirect_uri");
        }
        if (tooLong(clientId) || tooLong(request.code()) || tooLong(request.redirectUri())
                || tooLong(request.clientSecret()) || tooLong(request.codeVerifier())) {
            throw refused(TokenRefused.Reason.INVALID_REQUEST, "A parameter is too long or holds control characters");
        }
        return clients.findForSignIn(clientId).chain(client -> {
            if (client == null) {
                throw refused(TokenRefused.Reason.INVALID_CLIENT, "Unknown client or wrong client credentials");
            }
            return Uni.createFrom().deferred(() -> exchange(client, request)).onFailure(TokenRefused.class)
                    .call(failure -> log.record(event(client, SignInEvent.EXCHANGE_FAILURE, failure.getMessage(), null,
                            Map.of())));
        });
    }

    private Uni<TokenResponse> exchange(SignInClient client, TokenRequest request) {
        if (!client.isPublic() && !client.authenticates(request.clientSecret())) {
            throw refused(TokenRefused.Reason.INVALID_CLIENT, "Unknown client or wrong client credentials");
        }
        if (client.isPublic() && request.clientSecret() != null && client.hasSecret()
                && !client.authenticates(request.clientSecret())) {
            throw refused(TokenRefused.Reason.INVALID_CLIENT, "Unknown client or wrong client credentials");
        }
        if (!client.allowsGrant(GRANT_TYPE)) {
            throw refused(TokenRefused.Reason.GRANT_NOT_ALLOWED,
                    "Grant type 'authorization_code' not allowed for the client.");
        }
        if (client.isPublic() && blank(request.codeVerifier())) {
            throw refused(TokenRefused.Reason.INVALID_REQUEST,
                    "Missing required parameter: code_verifier (a public client proves the code with PKCE)");
        }
        String codeHash = SecretDigest.of(request.code());
        // An opaque access token, as Auth0 issues when no API audience is asked for: good for /userinfo only, and
        // stored as its digest (like the code), so the database alone never holds a usable token.
        String accessToken = Ids.secret(32);
        String tokenId = SecretDigest.of(accessToken);
        return codes.redeem(codeHash, client.clientId(), tokenId, config.accessTokenLifetime()).chain(code -> {
            if (code == null) {
                return codes.revokeReused(codeHash, client.clientId()).map(reused -> {
                    throw refused(TokenRefused.Reason.INVALID_GRANT, reused
                            ? "The authorization code was already used; the tokens issued for it are revoked"
                            : "Invalid authorization code (unknown, expired, or issued to another client)");
                });
            }
            if (!code.redirectUri().equals(request.redirectUri())) {
                throw refused(TokenRefused.Reason.INVALID_GRANT,
                        "redirect_uri does not match the one the authorization code was issued for");
            }
            checkVerifier(code.codeChallenge(), request.codeVerifier());
            Map<String, Object> claims = read(code.profileJson());
            return CallerContext.onWorker(() -> tokens.issue(client.clientId(), claims, code.scope(), accessToken))
                    .call(issued -> log.record(event(client, SignInEvent.EXCHANGE, "Authorization code exchanged for "
                            + (issued.idToken() == null ? "an access token" : "an id token and an access token"),
                            code, claims)))
                    .map(issued -> new TokenResponse(issued.accessToken(), "Bearer", issued.expiresIn(), code.scope(),
                            issued.idToken()));
        });
    }

    /** PKCE (RFC 7636 4.6): the verifier's S256 is the challenge; a verifier without a challenge is refused too. */
    private static void checkVerifier(String challenge, String verifier) {
        if (challenge == null) {
            if (!blank(verifier)) {
                throw refused(TokenRefused.Reason.INVALID_GRANT,
                        "code_verifier was sent, but the authorization request had no code_challenge");
            }
            return;
        }
        if (blank(verifier)) {
            throw refused(TokenRefused.Reason.INVALID_GRANT, "Missing code_verifier: the authorization request had a "
                    + "code_challenge");
        }
        if (!VERIFIER.matcher(verifier).matches() || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw refused(TokenRefused.Reason.INVALID_GRANT, "Failed to verify code_verifier");
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> read(String profile) {
        try {
            return json.readValue(profile, CLAIMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exchange's event names the connection, its strategy and the organization the sign-in went through. */
    private static SignInEvent event(SignInClient client, String type, String description,
            AuthorizationCodeRepository.StoredCode code, Map<String, Object> claims) {
        return new SignInEvent(client.tenantId(), type, description, text(claims.get("connection")),
                code == null ? null : code.connectionId(), text(claims.get("connection_strategy")), client.clientId(),
                client.name(), code == null ? null : code.userId(), null, text(claims.get("org_id")), null, null);
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }

    private static TokenRefused refused(TokenRefused.Reason reason, String description) {
        return new TokenRefused(reason, description);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean tooLong(String value) {
        return value != null && (value.length() > MAX_PARAMETER || !AuthorizationRequest.printable(value));
    }
}
