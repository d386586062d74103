package io.connectionhub.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.connectionhub.auth.JwtConfig;
import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * The tokens of a sign-in, RS256-signed with the same keys as management tokens ({@link SigningKeys}): the id token
 * (audience: the application) and an access token good for {@code /userinfo} only (audience
 * {@code <public URL>/userinfo}, no management scope, no tenant claim), which the management API therefore refuses.
 */
@ApplicationScoped
class SignInTokens {

    /** Tokens for one code. */
    record Issued(String accessToken, String idToken, long expiresIn) {
    }

    private final SigningKeys keys;
    private final PublicUrl publicUrl;
    private final SsoConfig config;
    private final DefaultJWTParser userinfoParser;

    SignInTokens(SigningKeys keys, PublicUrl publicUrl, SsoConfig config, JwtConfig jwt, ObjectMapper json)
            throws JsonProcessingException {
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.config = config;
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(json.writeValueAsString(keys.jwks()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(publicUrl.issuer());
        info.setExpectedAudience(Set.of(userinfoAudience()));
        int skew = (int) jwt.clockSkew().toSeconds();
        info.setClockSkew(skew);
        info.setExpGracePeriodSecs(skew);
        info.setRequiredClaims(Set.of("exp", "iat", "sub", "jti"));
        this.userinfoParser = new DefaultJWTParser(info);
    }

    String userinfoAudience() {
        return publicUrl.base() + "/userinfo";
    }

    /**
     * Signs the access token (with {@code jti} as its id) and, when {@code openid} was granted, the id token. CPU
     * work: called on a worker thread.
     */
    Issued issue(String clientId, Map<String, Object> claims, String scope, String jti) {
        Instant now = Instant.now();
        long accessLifetime = config.accessTokenLifetime().toSeconds();
        String subject = (String) claims.get(SignInClaims.SUB);
        String accessToken = Jwt.issuer(publicUrl.issuer()).subject(subject).audience(userinfoAudience())
                .issuedAt(now).expiresAt(now.plusSeconds(accessLifetime)).claim("azp", clientId).claim("scope", scope)
                .claim("jti", jti)
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.signingKeyId()).sign(keys.signingKey());
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

    /** The access token's claims when it is one of ours for {@code /userinfo}, signed, unexpired. */
    JsonWebToken verifyAccessToken(String token) throws ParseException {
        return userinfoParser.parse(token);
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
