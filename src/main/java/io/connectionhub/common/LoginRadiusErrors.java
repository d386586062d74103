package io.connectionhub.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.connectionhub.connection.ConnectionNameTaken;
import io.connectionhub.organization.DeletionAlreadyStarted;
import io.connectionhub.organization.DomainInUse;
import io.connectionhub.organization.DomainNotInOrganization;
import io.connectionhub.organization.DomainNotVerified;
import io.connectionhub.organization.DomainVerificationFailed;
import io.connectionhub.organization.OrganizationInactive;

/**
 * The LoginRadius family's error table. Codes and texts from the vendor's reference where it has them;
 * refusals the vendor never documents (unknown path, wrong method, media type, size, rate) use the HTTP
 * status as their ErrorCode (ours).
 */
public final class LoginRadiusErrors {

    public static final String INVALID_PARAMETER = "A parameter is not formatted correctly.";
    static final String INTERNAL_MESSAGE = "Operation failed due to an internal error.";
    static final String INTERNAL_DESCRIPTION = "An unknown internal error occurred, please try again in a few minutes "
            + "or contact your system administrator.";

    private LoginRadiusErrors() {
    }

    public static Response render(Throwable failure, String errorId) {
        if (failure instanceof InvalidRequest e) {
            return body(400, 7900, INVALID_PARAMETER, description(e));
        } else if (failure instanceof MalformedBody e) {
            return body(400, 7900, INVALID_PARAMETER, "The request body is not valid JSON: " + e.getMessage());
        } else if (failure instanceof InvalidQuery e) {
            return body(400, 7900, INVALID_PARAMETER, "The " + e.parameter() + " is invalid. " + e.getMessage());
        } else if (failure instanceof Unauthenticated e) {
            return Response.fromResponse(body(401, 6002, "Access Unauthorized", e.getMessage()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "APIKey realm=\"connection-hub\"").build();
        } else if (failure instanceof InsufficientScope e) {
            return body(403, 403, "Access Forbidden", e.getMessage());
        } else if (failure instanceof NotFound e) {
            return notFound(e);
        } else if (failure instanceof UnknownReference e) {
            return body(400, 7900, INVALID_PARAMETER, e.getMessage());
        } else if (failure instanceof RouteNotFound) {
            return body(404, 404, "Not Found", "The API endpoint does not exist. Verify the path and method.");
        } else if (failure instanceof MethodNotAllowed) {
            return body(405, 405, "Method not allowed", "Verify that you are accessing the API endpoint with the "
                    + "correct method.");
        } else if (failure instanceof NotAcceptable) {
            return body(406, 406, "Not Acceptable", "The endpoint answers only application/json.");
        } else if (failure instanceof ConnectionNameTaken e) {
            Response conflict = body(409, 8148, "Connection exists with the same name", e.pendingDeletion() == null
                    ? "Connection exists with the same name. Use a different Connection name."
                    : "A connection with the same name is still being deleted (job " + e.pendingDeletion().jobId() + ", "
                            + e.pendingDeletion().percentageDone() + "% done). Use a different Connection name or retry "
                            + "once the deletion has finished.");
            return e.pendingDeletion() == null ? conflict
                    : Response.fromResponse(conflict).header("Retry-After", e.pendingDeletion().retryAfterSeconds()).build();
        } else if (failure instanceof DomainNotInOrganization) {
            return body(400, 8150, "Domain does not exist within the organization", "The provided domain is not "
                    + "associated with the organization. Please use a different organization domain.");
        } else if (failure instanceof DomainNotVerified) {
            return body(409, 8177, "Organization domain is not verified",
                    "Organization domain is not verified, Please verify the domain.");
        } else if (failure instanceof DomainInUse e) {
            return body(400, 7900, INVALID_PARAMETER, e.getMessage());
        } else if (failure instanceof DeletionAlreadyStarted e) {
            return body(409, 8166, "Status already updated", e.getMessage());
        } else if (failure instanceof DomainVerificationFailed e) {
            return body(422, 8168, "Failed to fetch Domain TXT record", e.getMessage());
        } else if (failure instanceof OrganizationInactive e) {
            return body(409, 8180, "Organization is not active", e.getMessage());
        } else if (failure instanceof Conflict e) {
            return body(409, 409, "Conflict", e.getMessage());
        } else if (failure instanceof PayloadTooLarge e) {
            return body(413, 413, "Request entity too large", e.getMessage());
        } else if (failure instanceof UnsupportedMediaType e) {
            return body(415, 415, "Unsupported media type", e.getMessage());
        } else if (failure instanceof UriTooLong e) {
            return body(414, 414, "URI too long", e.getMessage());
        } else if (failure instanceof HeadersTooLarge e) {
            return body(431, 431, "Request header fields too large", e.getMessage());
        } else if (failure instanceof TooManyRequests e) {
            return Response.fromResponse(body(429, 429, "Too Many Request", "The rate limit has been reached."))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        } else if (failure instanceof DatabaseUnavailable e) {
            return Response.fromResponse(body(503, 503, "Service temporarily unavailable", e.getMessage()))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        }
        return body(500, 7909, INTERNAL_MESSAGE, INTERNAL_DESCRIPTION + " Error id: " + errorId + ".");
    }

    /** "The ConnectionType is invalid. Please enter a valid ConnectionType." plus what is wrong, when known. */
    static String description(InvalidRequest e) {
        String standard = "The " + e.property() + " is invalid. Please enter a valid " + e.property() + ".";
        if (e.problem() == null) {
            return standard;
        }
        String problem = e.problem().endsWith(".") ? e.problem() : e.problem() + ".";
        return e.property() == null ? problem : "The " + e.property() + " is invalid: " + problem;
    }

    private static Response notFound(NotFound e) {
        return switch (e.kind()) {
            case ORGANIZATION -> body(404, 8118, "Organization not found", e.getMessage());
            case CONNECTION -> body(404, 8151, "Connection ID is invalid", e.getMessage());
            default -> body(404, 404, "Not Found", e.getMessage());
        };
    }

    public static Response body(int status, int code, String message, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new LoginRadiusError(description, code, message)).build();
    }
}
