package io.connectionhub.connection;

/**
 * An active connection as the sign-in flow sees it: what it is, whether logins through it are on
 * ({@code authentication_active}), and whether the application asking is among its enabled clients.
 */
public record ConnectionForSignIn(String id, String tenantId, String name, String displayName, String strategy,
        boolean authenticationActive, boolean enabledForClient) {
}
