package io.connectionhub.sso;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.common.TokenProblems;
import io.connectionhub.common.Unauthenticated;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * What {@code /userinfo} answers: the access token is checked (our signature and issuer, the {@code /userinfo}
 * audience, not expired), then the code it was issued for is read by the token's {@code jti}: a token whose code was
 * redeemed twice is revoked. The claims are the ones the code carried, as far as the token's scope releases them.
 */
@ApplicationScoped
class Userinfo {

    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {
    };
    private static final int MAX_TOKEN = 8192;

    private final SignInTokens tokens;
    private final AuthorizationCodeRepository codes;
    private final ObjectMapper json;

    Userinfo(SignInTokens tokens, AuthorizationCodeRepository codes, ObjectMapper json) {
        this.tokens = tokens;
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
        String tokenId;
        String subject;
        try {
            var verified = tokens.verifyAccessToken(token);
            tokenId = verified.getTokenID();
            subject = verified.getSubject();
        } catch (ParseException e) {
            throw new Unauthenticated(TokenProblems.describe(e));
        }
        return codes.issuedTo(tokenId).map(issued -> {
            if (issued == null) {
                throw new Unauthenticated("The access token is no longer valid");
            }
            if (issued.revoked()) {
                throw new Unauthenticated("The access token was revoked (its authorization code was used twice)");
            }
            Map<String, Object> claims = read(issued.profileJson());
            if (!subject.equals(claims.get(SignInClaims.SUB))) {
                throw new Unauthenticated("Invalid token");
            }
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
