package io.connectionhub.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Makes tokens the server must refuse (expired, wrong audience, foreign key, alg none, ...). */
public final class TokenForge {

    public static final String ISSUER = "http://localhost:8080/";
    public static final String AUDIENCE = "http://localhost:8080/api/v2/";

    private TokenForge() {
    }

    /** Claims of a valid token for {@code tenantId} with {@code scope}, to be altered by a test. */
    public static JwtClaimsBuilder claims(String tenantId, String scope) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject("forged@clients").audience(AUDIENCE).issuedAt(now)
                .expiresAt(now.plusSeconds(600)).claim("scope", scope).claim("tenant_id", tenantId);
    }

    /** Signed with the server's own key, under its published kid. */
    public static String signWithServerKey(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(serverKid()).sign(serverKey());
    }

    /** Signed with the given PKCS#8 PEM key under the given kid. */
    public static String signWith(JwtClaimsBuilder claims, String pem, String kid) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).sign(privateKey(pem));
    }

    /** Signed with a key the server never saw, under the server's kid. */
    public static String signWithForeignKey(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(serverKid())
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code "alg":"none"} and no signature. */
    public static String unsigned(String tenantId, String scope) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"forged@clients\",\"aud\":\"" + AUDIENCE + "\",\"iat\":"
                + now + ",\"exp\":" + (now + 600) + ",\"scope\":\"" + scope + "\",\"tenant_id\":\"" + tenantId + "\"}";
        return b64(header) + "." + b64(payload) + ".";
    }

    /** A valid token whose payload was changed after signing. */
    public static String tamperedPayload(String token, String newPayloadJson) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(newPayloadJson) + "." + parts[2];
    }

    public static String payloadOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String serverKid() {
        return given().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys[0].kid");
    }

    private static PrivateKey serverKey() {
        return privateKey(DevDefaultsConfigSourceFactory.testSigningKey());
    }

    private static PrivateKey privateKey(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
