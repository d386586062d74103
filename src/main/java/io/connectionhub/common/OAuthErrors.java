package io.connectionhub.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.connectionhub.auth.TokenRefused;

/**
 * Errors of the token endpoint and {@code /userinfo} in OAuth's shape, {@code {"error","error_description"}}. Token
 * refusals carry their own OAuth code; any other refusal keeps the status and headers of the Auth0 table and gets the
 * OAuth code for that status.
 */
final class OAuthErrors {

    private OAuthErrors() {
    }

    static Response render(Throwable failure, String errorId) {
        if (failure instanceof TokenRefused e) {
            return Auth0Errors.tokenRefused(e);
        }
        Response table = Auth0Errors.render(failure, errorId);
        String description = table.getEntity() instanceof Auth0Error error ? error.message() : "The request was refused.";
        return Response.fromResponse(table).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(code(table.getStatus()), description))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static String code(int status) {
        if (status == 401) {
            return "invalid_token";
        } else if (status == 403) {
            return "insufficient_scope";
        } else if (status == 429 || status == 503) {
            return "temporarily_unavailable";
        } else if (status >= 500) {
            return "server_error";
        }
        return "invalid_request";
    }
}
