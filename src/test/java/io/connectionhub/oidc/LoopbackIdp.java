package io.connectionhub.oidc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * An OpenID provider stand-in on a loopback port, written for the tests and independent of the code under test: it
 * serves a discovery document, a key set and a token endpoint that checks the client's credentials, the code, the
 * redirect URI and the PKCE verifier (SHA-256 computed here), then answers with the ID token the test signed for that
 * code with this stand-in's own keys.
 */
public final class LoopbackIdp implements AutoCloseable {

    public static final String CLIENT_ID = "hub-client";
    public static final String CLIENT_SECRET = "hub-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the test arranged for one code: the PKCE challenge it was issued for and the ID token it redeems for. */
    private record Grant(String challenge, String redirectUri, String idToken) {
    }

    /** A token request as received, for assertions. */
    record TokenRequest(String authorization, Map<String, String> form) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    public final String base;
    volatile RSAKey signingKey;
    /** The keys the key set publishes (public parts). */
    final List<RSAKey> published = new CopyOnWriteArrayList<>();
    /** Marks a discovery field to leave out. */
    static final Object REMOVE = new Object();
    /** Overrides of discovery fields ({@link #REMOVE} leaves one out). */
    final Map<String, Object> discoveryOverrides = new ConcurrentHashMap<>();
    volatile byte[] discoveryBody;
    final AtomicInteger discoveryFetches = new AtomicInteger();
    final AtomicInteger keyFetches = new AtomicInteger();
    final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public LoopbackIdp() throws Exception {
        signingKey = newKey("key-1");
        published.add(signingKey);
        server = vertx.createHttpServer().requestHandler(this::serve).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    static RSAKey newKey(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    String discoveryUrl() {
        return base + "/.well-known/openid-configuration";
    }

    /** The code the IdP would have sent back to the browser for an authorization request with this PKCE challenge. */
    public void issue(String code, String challenge, String redirectUri, String idToken) {
        grants.put(code, new Grant(challenge, redirectUri, idToken));
    }

    /** Claims of a valid ID token for the client, signed now, for this nonce. */
    public JWTClaimsSet.Builder claims(String nonce) {
        long now = System.currentTimeMillis() / 1000;
        return new JWTClaimsSet.Builder().issuer(base).subject("user-123").audience(CLIENT_ID)
                .issueTime(new java.util.Date(now * 1000)).expirationTime(new java.util.Date((now + 300) * 1000))
                .claim("nonce", nonce).claim("email", "alice@acme.test").claim("email_verified", true)
                .claim("given_name", "Alice").claim("family_name", "Liddell").claim("name", "Alice Liddell")
                .claim("groups", List.of("engineering", "admins"));
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/.well-known/openid-configuration" -> {
                discoveryFetches.incrementAndGet();
                byte[] body = discoveryBody;
                response.putHeader("Content-Type", "application/json")
                        .end(io.vertx.core.buffer.Buffer.buffer(body != null ? body : discovery()));
            }
            case "/jwks" -> {
                keyFetches.incrementAndGet();
                response.putHeader("Content-Type", "application/json").end(new JWKSet(List.copyOf(published))
                        .toPublicJWKSet().toString());
            }
            case "/token" -> request.body().onSuccess(body -> token(request, body.toString(StandardCharsets.UTF_8)));
            default -> response.setStatusCode(404).end();
        }
    }

    private byte[] discovery() {
        ObjectNode document = JSON.createObjectNode().put("issuer", base)
                .put("authorization_endpoint", base + "/authorize").put("token_endpoint", base + "/token")
                .put("jwks_uri", base + "/jwks");
        document.putArray("response_types_supported").add("code");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("code_challenge_methods_supported").add("S256");
        ArrayNode methods = document.putArray("token_endpoint_auth_methods_supported");
        methods.add("client_secret_basic").add("client_secret_post");
        discoveryOverrides.forEach((name, value) -> {
            if (value == REMOVE) {
                document.remove(name);
            } else {
                document.set(name, JSON.valueToTree(value));
            }
        });
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 6749 4.1.3 with client_secret_basic or client_secret_post, and RFC 7636's S256 check. */
    private void token(HttpServerRequest request, String body) {
        Map<String, String> form = form(body);
        String authorization = request.getHeader("Authorization");
        tokenRequests.add(new TokenRequest(authorization, form));
        String clientId;
        String secret;
        if (authorization != null && authorization.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        } else {
            clientId = form.get("client_id");
            secret = form.get("client_secret");
        }
        if (!CLIENT_ID.equals(clientId) || !CLIENT_SECRET.equals(secret)) {
            error(request.response(), 401, "invalid_client", "Client authentication failed");
            return;
        }
        Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null) {
            error(request.response(), 400, "invalid_grant", "Code not valid");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            error(request.response(), 400, "invalid_grant", "Incorrect redirect_uri");
            return;
        }
        if (form.get("code_verifier") == null || !grant.challenge().equals(s256(form.get("code_verifier")))) {
            error(request.response(), 400, "invalid_grant", "PKCE verification failed");
            return;
        }
        ObjectNode tokens = JSON.createObjectNode().put("access_token", "at-" + form.get("code"))
                .put("token_type", "Bearer").put("expires_in", 300).put("id_token", grant.idToken());
        request.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(tokens.toString());
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void error(HttpServerResponse response, int status, String code, String description) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(JSON.createObjectNode().put("error", code).put("error_description", description).toString());
    }

    static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return values;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
