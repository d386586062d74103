package io.connectionhub.sso;

/**
 * One Auth0-style log event of a sign-in attempt or a code exchange, as it is written. The description names the
 * outcome or the failed check; it never holds an assertion, a password, a code or a token.
 */
public record SignInEvent(String tenantId, String type, String description, String connection, String connectionId,
        String strategy, String clientId, String clientName, String userId, String userName, String organizationId,
        String ip, String userAgent) {

    /** Successful login. */
    public static final String SUCCESS = "s";
    /** Failed login (a check failed, the request was refused, the user is blocked...). */
    public static final String FAILURE = "f";
    /** Failed login: wrong password. */
    public static final String WRONG_PASSWORD = "fp";
    /** Failed login: no user with this email. */
    public static final String UNKNOWN_USER = "fu";
    /** Blocked by brute-force protection (too many failed logins of one user from one address). */
    public static final String BLOCKED = "limit_wc";
    /** Authorization code exchanged for tokens. */
    public static final String EXCHANGE = "seacft";
    /** Failed exchange of an authorization code. */
    public static final String EXCHANGE_FAILURE = "feacft";
}
