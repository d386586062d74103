package io.connectionhub.auth;

import io.connectionhub.common.DomainException;

/** {@code /oauth/token} refused to issue a token; rendered as an OAuth error ({@code error}, {@code error_description}). */
public class TokenRefused extends DomainException {

    /** Why; each has its OAuth error code. */
    public enum Reason {
        /** A required parameter is missing or malformed: {@code invalid_request}. */
        INVALID_REQUEST("invalid_request"),
        /** Unknown client or wrong secret (not told apart): {@code access_denied}. */
        BAD_CREDENTIALS("access_denied"),
        /** The client may not use this grant: {@code unauthorized_client}. */
        GRANT_NOT_ALLOWED("unauthorized_client"),
        /** A grant type other than client_credentials: {@code unsupported_grant_type}. */
        UNSUPPORTED_GRANT("unsupported_grant_type"),
        /** An audience this service does not serve, or scopes the client was never given: {@code access_denied}. */
        NOT_PERMITTED("access_denied"),
        /** Authorization code grant: unknown client, or a confidential client without its secret: {@code invalid_client}. */
        INVALID_CLIENT("invalid_client"),
        /** Authorization code grant: the code is unknown, expired, used, or bound to something else: {@code invalid_grant}. */
        INVALID_GRANT("invalid_grant");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public TokenRefused(Reason reason, String description) {
        super(description);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
