package io.connectionhub.common;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.connectionhub.auth.TokenRefused;
import io.connectionhub.connection.ConnectionNameTaken;
import io.connectionhub.connection.OperationNotSupported;
import io.connectionhub.user.UserExists;

/** The Auth0 family's error table: which status, {@code errorCode} and message each refusal gets. */
public final class Auth0Errors {

    static final String CHALLENGE = "Bearer realm=\"connection-hub\"";

    private Auth0Errors() {
    }

    public static Response render(Throwable failure, String errorId) {
        if (failure instanceof TokenRefused e) {
            return tokenRefused(e);
        } else if (failure instanceof InvalidRequest e) {
            return body(400, validationMessage(e), "invalid_body");
        } else if (failure instanceof MalformedBody e) {
            return body(400, e.getMessage(), "invalid_body");
        } else if (failure instanceof InvalidQuery e) {
            return body(400, e.getMessage(), "invalid_query_string");
        } else if (failure instanceof Unauthenticated e) {
            String challenge = CHALLENGE + ", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\"";
            return Response.fromResponse(body(401, e.getMessage(), "invalid_token"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
        } else if (failure instanceof InsufficientScope e) {
            return body(403, e.getMessage(), "insufficient_scope");
        } else if (failure instanceof NotFound e) {
            return body(404, e.getMessage(), notFoundCode(e.kind()));
        } else if (failure instanceof UnknownReference e) {
            return body(400, e.getMessage(), notFoundCode(e.kind()));
        } else if (failure instanceof RouteNotFound e) {
            return body(404, e.getMessage(), "not_found");
        } else if (failure instanceof MethodNotAllowed e) {
            return body(405, e.getMessage(), "method_not_allowed");
        } else if (failure instanceof NotAcceptable e) {
            return body(406, e.getMessage(), "not_acceptable");
        } else if (failure instanceof ConnectionNameTaken e) {
            return connectionConflict(e);
        } else if (failure instanceof OperationNotSupported e) {
            return body(400, e.getMessage(), "operation_not_supported");
        } else if (failure instanceof UserExists e) {
            return body(409, e.getMessage(), "user_exists");
        } else if (failure instanceof Conflict e) {
            return body(409, e.getMessage(), "conflict");
        } else if (failure instanceof PayloadTooLarge e) {
            return body(413, e.getMessage(), "payload_too_large");
        } else if (failure instanceof UnsupportedMediaType e) {
            return body(415, e.getMessage(), "unsupported_media_type");
        } else if (failure instanceof UriTooLong e) {
            return body(414, e.getMessage(), "uri_too_long");
        } else if (failure instanceof HeadersTooLarge e) {
            return body(431, e.getMessage(), "headers_too_large");
        } else if (failure instanceof TooManyRequests e) {
            return Response.fromResponse(body(429, e.getMessage(), "too_many_requests"))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        } else if (failure instanceof DatabaseUnavailable e) {
            return Response.fromResponse(body(503, e.getMessage(), "temporarily_unavailable"))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("error_id", errorId);
        return json(500, new Auth0Error(500, HttpStatusText.of(500),
                "An internal error occurred. Quote error id " + errorId + " when reporting it.", "internal_error",
                extra));
    }

    /** 409 connection_conflict; while a deletion holds the name, its job and progress, and when to retry. */
    private static Response connectionConflict(ConnectionNameTaken e) {
        ConnectionNameTaken.PendingDeletion pending = e.pendingDeletion();
        if (pending == null) {
            return body(409, e.getMessage(), "connection_conflict");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("deletion_job_id", pending.jobId());
        extra.put("percentage_done", pending.percentageDone());
        return Response.fromResponse(json(409, new Auth0Error(409, HttpStatusText.of(409), e.getMessage(),
                "connection_conflict", extra))).header("Retry-After", pending.retryAfterSeconds()).build();
    }

    /** OAuth's own error shape for the token endpoint; 401 for bad credentials as Auth0 answers them. */
    static Response tokenRefused(TokenRefused e) {
        int status = switch (e.reason()) {
            case BAD_CREDENTIALS, INVALID_CLIENT -> 401;
            case GRANT_NOT_ALLOWED, NOT_PERMITTED -> 403;
            case INVALID_REQUEST, UNSUPPORTED_GRANT, INVALID_GRANT -> 400;
        };
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(e.reason().code(), e.getMessage())).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"connection-hub\"");
        }
        return response.build();
    }

    /** {@code Payload validation error: '<problem>' on property <path> (<rule>).} */
    static String validationMessage(InvalidRequest e) {
        StringBuilder message = new StringBuilder("Payload validation error: '").append(e.problem()).append('\'');
        if (e.property() != null) {
            message.append(" on property ").append(e.property());
        }
        if (e.rule() != null) {
            message.append(" (").append(e.rule()).append(')');
        }
        return message.append('.').toString();
    }

    private static String notFoundCode(NotFound.Kind kind) {
        return switch (kind) {
            case CONNECTION -> "inexistent_connection";
            case USER -> "inexistent_user";
            case JOB -> "job_not_found";
            case CLIENT -> "inexistent_client";
            case TENANT -> "inexistent_tenant";
            case ORGANIZATION -> "inexistent_organization";
            case DOMAIN -> "inexistent_domain";
            case LOG -> "inexistent_log";
            case MEMBER -> "inexistent_member";
            case SETUP_LINK -> "inexistent_setup_link";
        };
    }

    public static Response body(int status, String message, String errorCode) {
        return json(status, new Auth0Error(status, message, errorCode));
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
