package io.connectionhub.sso;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a signed-in user, as a code carries them (sealed) to the id token and {@code /userinfo}: {@code sub}
 * (the user id), the profile and email claims, and {@code org_id}, {@code groups}, {@code roles},
 * {@code connection}, {@code connection_strategy}. Which are released depends on the scope granted, as in OpenID
 * Connect: {@code profile} for the names, {@code email} for the email.
 */
final class SignInClaims {

    static final String SUB = "sub";
    static final String AUTH_TIME = "auth_time";
    static final String NONCE = "nonce";
    private static final Set<String> PROFILE = Set.of("name", "given_name", "family_name");
    private static final Set<String> EMAIL = Set.of("email", "email_verified");
    /** Claims a custom mapping cannot set: the token's own, and the ones above. */
    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "azp", "auth_time",
            "nonce", "at_hash", "c_hash", "acr", "amr", "sid", "scope", "name", "given_name", "family_name", "email",
            "email_verified", "org_id", "groups", "roles", "connection", "connection_strategy", "tenant_id", "typ");

    private SignInClaims() {
    }

    /** What the sign-in established, to be sealed into the code. */
    static Map<String, Object> of(String userId, String email, boolean emailVerified, String name, String givenName,
            String familyName, SignInConnection connection, List<String> groups, List<String> roles,
            Map<String, Object> customClaims, long authTime, String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        customClaims.forEach((claim, value) -> {
            if (!RESERVED.contains(claim) && value != null) {
                claims.put(claim, value);
            }
        });
        claims.put(SUB, userId);
        putIfSet(claims, "email", email);
        if (email != null) {
            claims.put("email_verified", emailVerified);
        }
        String displayName = name != null ? name
                : givenName != null && familyName != null ? givenName + " " + familyName
                        : givenName != null ? givenName : familyName != null ? familyName : email;
        putIfSet(claims, "name", displayName);
        putIfSet(claims, "given_name", givenName);
        putIfSet(claims, "family_name", familyName);
        putIfSet(claims, "org_id", connection.organizationId());
        if (!groups.isEmpty()) {
            claims.put("groups", groups);
        }
        if (connection.organizationId() != null || !roles.isEmpty()) {
            claims.put("roles", roles);
        }
        claims.put("connection", connection.name());
        claims.put("connection_strategy", connection.strategy());
        claims.put(AUTH_TIME, authTime);
        putIfSet(claims, NONCE, nonce);
        return claims;
    }

    /** The user's claims the scope releases (no {@code auth_time} or {@code nonce}: those are the id token's). */
    static Map<String, Object> released(Map<String, Object> claims, String scope) {
        Set<String> scopes = Set.of(scope.split(" "));
        Map<String, Object> released = new LinkedHashMap<>();
        claims.forEach((claim, value) -> {
            if (claim.equals(AUTH_TIME) || claim.equals(NONCE)) {
                return;
            }
            if (PROFILE.contains(claim) && !scopes.contains("profile") || EMAIL.contains(claim) && !scopes.contains("email")) {
                return;
            }
            released.put(claim, value);
        });
        return released;
    }

    private static void putIfSet(Map<String, Object> claims, String claim, String value) {
        if (value != null && !value.isEmpty()) {
            claims.put(claim, value);
        }
    }
}
