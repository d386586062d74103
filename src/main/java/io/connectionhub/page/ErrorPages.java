package io.connectionhub.page;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.connectionhub.common.Auth0Error;
import io.connectionhub.common.Auth0Errors;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Errors of the pages a person's browser shows, as an HTML page. Status and wording come from the same error table
 * as the Auth0 family's JSON (so a page never invents its own rules); refusals that only pages have add to it.
 */
public final class ErrorPages {

    @CheckedTemplate(basePath = "page")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message, String errorId);
    }

    private ErrorPages() {
    }

    public static Response render(Throwable failure, String errorId) {
        int status;
        String message;
        if (failure instanceof PageRefused refused) {
            status = refused.status();
            message = refused.getMessage();
        } else {
            Response json = Auth0Errors.render(failure, errorId);
            status = json.getStatus();
            message = json.getEntity() instanceof Auth0Error error ? error.message() : "The request was refused.";
        }
        String title = switch (status) {
            case 400 -> "This request cannot be completed";
            case 401, 403 -> "Not allowed";
            case 404 -> "Not found";
            case 429 -> "Too many attempts";
            case 503 -> "Temporarily unavailable";
            default -> status >= 500 ? "Something went wrong" : "This request cannot be completed";
        };
        String html = Templates.error(status, title, message, errorId).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
