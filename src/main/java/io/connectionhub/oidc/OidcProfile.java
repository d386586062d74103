package io.connectionhub.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The signed-in user as the IdP's verified ID token describes them, in the standard claims; the raw claims for
 * mappings. {@code emailVerified} is null when the IdP does not say; {@code groups} is empty when it sends none.
 */
public record OidcProfile(String issuer, String subject, String email, Boolean emailVerified, String givenName,
        String familyName, String name, List<String> groups, Map<String, Object> claims) {

    public OidcProfile {
        groups = List.copyOf(groups);
        claims = Map.copyOf(claims);
    }

    static OidcProfile of(JWTClaimsSet claims) {
        return new OidcProfile(claims.getIssuer(), claims.getSubject(), text(claims.getClaim("email")),
                bool(claims.getClaim("email_verified")), text(claims.getClaim("given_name")),
                text(claims.getClaim("family_name")), text(claims.getClaim("name")), groups(claims.getClaim("groups")),
                withoutNulls(claims.toJSONObject()));
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    /** A boolean, or the strings "true"/"false" that some IdPs (Azure AD, Cognito) send. */
    private static Boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(text);
        }
        return null;
    }

    /** An array of strings, or a single string. */
    private static List<String> groups(Object value) {
        List<String> groups = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        } else if (value instanceof String one && !one.isBlank()) {
            groups.add(one);
        }
        return groups;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> claims) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
