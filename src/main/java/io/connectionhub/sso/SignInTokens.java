package io.connectionhub.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;



import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The tokens of a sign-in: the id token, RS256-signed with the same keys as management tokens ({@link SigningKeys}),
 * audience the application; and an opaque access token good for {@code /userinfo} only, as Auth0 issues when no API
 * {@code audience} is asked for (made by {@link CodeRedemption}, which stores its digest with the code). An RS256
 * access token cost a second RSA signature per sign-in (about 1 ms of CPU here) and a verification per
 * {@code /userinfo}, for a token only this service reads ({@code bench/signin.sh}).
 */
@ApplicationScoped
class SignInTokens {

    /** Tokens for one code. */
    record Issued(String accessToken, String idToken, long expiresIn) {
    }

    private final SigningKeys keys;
    private final PublicUrl publicUrl;
    private final SsoConfig config;

    SignInTokens(SigningKeys keys, PublicUrl publicUrl, SsoConfig config) {
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.config = config;
    }

    /**
     * Signs the id token when {@code openid} was granted, with {@code at_hash} of {@code accessToken}. CPU work:
     * called on a worker thread.
     */
    Issued issue(String clientId, Map<String, Object> claims, String scope, String accessToken) {
        Instant now = Instant.now();
        long accessLifetime = config.accessTokenLifetime().toSeconds();
        if (!List.of(scope.split(" ")).contains("openid")) {
            return new Issued(accessToken, null, accessLifetime);
        }
        Map<String, Object> idClaims = new java.util.LinkedHashMap<>(SignInClaims.released(claims, scope));
        idClaims.put(SignInClaims.AUTH_TIME, claims.get(SignInClaims.AUTH_TIME));
        if (claims.get(SignInClaims.NONCE) != null) {
            idClaims.put(SignInClaims.NONCE, claims.get(SignInClaims.NONCE));
        }
        idClaims.put("at_hash", halfHash(accessToken));
        String idToken = Jwt.claims(idClaims).issuer(publicUrl.issuer()).audience(clientId).issuedAt(now)
                .expiresAt(now.plusSeconds(config.idTokenLifetime().toSeconds()))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.signingKeyId()).sign(keys.signingKey());
        return new Issued(accessToken, idToken, accessLifetime);
    }

    /** OIDC Core 3.1.3.6 {@code at_hash}: base64url of the left half of SHA-256 of the access token. */
    private static String halfHash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
