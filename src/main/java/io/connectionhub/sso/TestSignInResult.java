package io.connectionhub.sso;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a test sign-in through a connection ended with: the user as the connection mapped them (id, email, name,
 * groups, roles) and the claims an application would get in its id token, or the description of the failure (the same
 * text an application gets as {@code error_description}).
 *
 * @param claims the claims sealed into an application's code (no {@code nonce}: a test has no application)
 */
public record TestSignInResult(String connectionId, String connectionName, String strategy, boolean succeeded,
        String failure, String userId, String email, String name, List<String> groups, List<String> roles,
        Map<String, Object> claims, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim and its value as JSON, for a table. */
    public record Claim(String name, String value) {
    }

    static TestSignInResult success(SignInConnection connection, String userId, String email, String name,
            List<String> groups, List<String> roles, Map<String, Object> claims) {
        return new TestSignInResult(connection.id(), connection.name(), connection.strategy(), true, null, userId, email,
                name, groups, roles, claims, Instant.now());
    }

    static TestSignInResult failure(String connectionId, SignInConnection connection, String description) {
        return new TestSignInResult(connectionId, connection == null ? null : connection.name(),
                connection == null ? null : connection.strategy(), false, description, null, null, null, List.of(),
                List.of(), Map.of(), Instant.now());
    }

    public List<Claim> claimList() {
        List<Claim> list = new ArrayList<>();
        if (claims != null) {
            claims.forEach((claim, value) -> list.add(new Claim(claim, json(value))));
        }
        return list;
    }

    private static String json(Object value) {
        try {
            return value instanceof String text ? text : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
