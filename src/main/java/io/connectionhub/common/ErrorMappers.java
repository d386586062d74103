package io.connectionhub.common;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.connectionhub.page.ErrorPages;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/**
 * The one global error mapping. Framework failures (unknown path, 405, 415, broken JSON, authentication)
 * are first named as domain refusals, then the request path picks the family table that renders them.
 */
public class ErrorMappers {

    private static final String MULTIPART_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    @ServerExceptionMapper
    public Response domain(DomainException e, RoutingContext context) {
        return render(e, context);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, RoutingContext context) {
        return render(JsonProblems.describe(e), context);
    }

    // Quarkus REST has its own mappers for these subtypes; naming them here makes ours the more specific match.
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, RoutingContext context) {
        return render(JsonProblems.describe(e), context);
    }

    @ServerExceptionMapper
    public Response jsonUnknownProperty(UnrecognizedPropertyException e, RoutingContext context) {
        return render(JsonProblems.describe(e), context);
    }

    @ServerExceptionMapper
    public Response jsonSyntax(JsonParseException e, RoutingContext context) {
        return render(JsonProblems.describe(e), context);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext context) {
        return render(webRefusal(e), context);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        // An API key cannot be checked while the database is away: that is a 503, not a wrong key.
        return render(DatabaseUnavailable.in(e) != null ? e : new Unauthenticated(TokenProblems.describe(e)), context);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, RoutingContext context) {
        return render(new Unauthenticated("Missing authentication"), context);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource, RoutingContext context) {
        return render(new InsufficientScope(requiredScopes(resource)), context);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, RoutingContext context) {
        ConstraintViolation<?> first = e.getConstraintViolations().iterator().next();
        String path = first.getPropertyPath().toString();
        String property = path.contains(".") ? path.substring(path.indexOf('.') + 1) : path;
        return render(new InvalidRequest(property, first.getMessage(), null), context);
    }

    /** The multipart parser's complaint about a body that ends before its closing boundary is the client's. */
    @ServerExceptionMapper
    public Response io(IOException e, RoutingContext context) {
        StackTraceElement[] trace = e.getStackTrace();
        boolean multipart = trace.length > 0 && trace[0].getClassName().startsWith(MULTIPART_PARSER);
        return render(multipart ? new MalformedBody("The multipart body is not well-formed: " + e.getMessage()) : e,
                context);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext context) {
        return render(e, context);
    }

    static Response render(Throwable failure, RoutingContext context) {
        String path = context == null ? null : context.normalizedPath();
        String errorId = RequestIds.of(context);
        DatabaseUnavailable unavailable = DatabaseUnavailable.in(failure);
        if (unavailable != null) {
            return unavailable(unavailable, failure, path, errorId);
        }
        Response response = switch (ApiFamily.of(path)) {
            case LOGINRADIUS -> LoginRadiusErrors.render(failure, errorId);
            case PAGE -> ErrorPages.render(failure, errorId);
            case OAUTH -> OAuthErrors.render(failure, errorId);
            case AUTH0 -> Auth0Errors.render(failure, errorId);
        };
        if (response.getStatus() >= 500) {
            Log.errorf(failure, "Unhandled error on %s (error id %s)", path, errorId);
        }
        return response;
    }

    /**
     * 503 with {@code Retry-After} in the path's family's shape (OAuth's on {@code /oauth/**} and {@code /userinfo}). One warning
     * line each, without the stack: an outage answers many requests, and the cause is the database's, not ours.
     */
    private static Response unavailable(DatabaseUnavailable unavailable, Throwable failure, String path,
            String errorId) {
        Log.warnf("Database unavailable on %s: %s", path, failure);
        Response response = switch (ApiFamily.of(path)) {
            case OAUTH -> Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuthError("temporarily_unavailable", unavailable.getMessage()))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
            case LOGINRADIUS -> LoginRadiusErrors.render(unavailable, errorId);
            case PAGE -> ErrorPages.render(unavailable, errorId);
            case AUTH0 -> Auth0Errors.render(unavailable, errorId);
        };
        return response.getHeaderString("Retry-After") != null ? response
                : Response.fromResponse(response).header("Retry-After", unavailable.retryAfterSeconds()).build();
    }

    private static Throwable webRefusal(WebApplicationException e) {
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS answers a query parameter it cannot convert ("take=many") with 404; it is a bad query.
            return new InvalidQuery("query", "Query validation error: a parameter has the wrong type ("
                    + e.getCause().getMessage() + ").");
        } else if (e instanceof NotFoundException) {
            return new RouteNotFound();
        } else if (e instanceof NotAllowedException) {
            return new MethodNotAllowed();
        } else if (e instanceof NotSupportedException) {
            return new UnsupportedMediaType("Unsupported Content-Type; this endpoint reads application/json");
        } else if (e instanceof NotAcceptableException) {
            return new NotAcceptable();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblems.describe(json);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 413) {
            return new PayloadTooLarge(-1);
        } else if (status == 400) {
            return new InvalidQuery("query", "Invalid request: " + e.getMessage());
        }
        return e;
    }

    /** The scopes of the matched operation, from its {@code @RolesAllowed}: any one of them would do. */
    private static List<String> requiredScopes(ResourceInfo resource) {
        RolesAllowed roles = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? List.of() : Arrays.asList(roles.value());
    }
}
