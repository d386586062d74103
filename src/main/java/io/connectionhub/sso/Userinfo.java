package io.connectionhub.sso;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.Unauthenticated;
import io.smallrye.mutiny.Uni;

/**
 * What {@code /userinfo} answers: the code the opaque access token was issued for is read by the token's digest; an
 * unknown or expired token is refused, and a token whose code was redeemed twice is revoked. The claims are the ones
 * the code carried, as far as the token's scope releases them.
 */
@ApplicationScoped
class Userinfo {

    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
    };
    private static final int MAX_TOKEN = 8192;

    private final AuthorizationCodeRepository codes;
    private final ObjectMapper json;

    Userinfo(AuthorizationCodeRepository codes, ObjectMapper json) {
        this.codes = codes;
        this.json = json;
    }

    /** The token from {@code Authorization: Bearer} or the form field (one of them); refused when neither or both. */
    static String bearer(String authorization, String formToken) {
        String header = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new Unauthenticated("Expected: Authorization: Bearer <access token>");
            }
            header = authorization.substring(7).trim();
        }
        if (header != null && formToken != null) {
            throw new Unauthenticated("The access token was sent twice (header and body)");
        }
        String token = header != null ? header : formToken;
        if (token == null || token.isEmpty()) {
            throw new Unauthenticated("Missing authentication");
        }
        return token;
    }

    Uni<Map<String, Object>> claims(String token) {
        if (token.length() > MAX_TOKEN || !AuthorizationRequest.printable(token)) {
            throw new Unauthenticated("Invalid token");
        }
        return codes.issuedTo(SecretDigest.of(token)).map(issued -> {
            if (issued == null) {
                throw new Unauthenticated("Invalid token: not an access token of this service, or no longer valid");
            }
            if (issued.revoked()) {
                throw new Unauthenticated("The access token was revoked (its authorization code was used twice)");
            }
            if (issued.expired()) {
                throw new Unauthenticated("The access token has expired");
            }
            Map<String, Object> claims = read(issued.profileJson());
            return new LinkedHashMap<>(SignInClaims.released(claims, issued.scope()));
        });
    }

    private Map<String, Object> read(String profile) {
        try {
            return json.readValue(profile, CLAIMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
