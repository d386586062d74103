package io.connectionhub.sso;

import io.connectionhub.common.DomainException;

/**
 * An /authorize request (or a later step of it) refused in a way the application is told about: a redirect to its
 * redirect URI with {@code error} (an OAuth / OIDC error code) and this message as {@code error_description}.
 */
class AuthorizeRefused extends DomainException {

    static final String INVALID_REQUEST = "invalid_request";
    static final String UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    static final String ACCESS_DENIED = "access_denied";
    static final String LOGIN_REQUIRED = "login_required";
    static final String SERVER_ERROR = "server_error";

    private final String error;

    AuthorizeRefused(String error, String description) {
        super(description);
        this.error = error;
    }

    String error() {
        return error;
    }
}
