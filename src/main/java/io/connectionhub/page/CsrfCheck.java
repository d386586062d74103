package io.connectionhub.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.connectionhub.common.FieldEncryption;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a state-changing request to a page path unless it carries the token of the browser's CSRF cookie (form
 * field or htmx header). Scoped to {@link PagePaths#CSRF_PROTECTED}: a global filter (as quarkus-rest-csrf installs)
 * would also refuse the form posts that must work without it, such as {@code /oauth/token} and the SAML ACS.
 */
public class CsrfCheck {

    static final String REFUSAL = "This form has expired or did not come from this site. Go back, reload the page "
            + "and try again.";

    private final FieldEncryption encryption;

    public CsrfCheck(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    @ServerRequestFilter
    @WithFormRead
    public void check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)
                || !PagePaths.isCsrfProtected(routing.normalizedPath())) {
            return;
        }
        Cookie cookie = routing.request().getCookie(PageSecurity.CSRF_COOKIE);
        String given = request.getHeaderString(CsrfToken.HEADER);
        if (given == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(CsrfToken.FIELD, true, false);
            given = field instanceof String text ? text : null;
        }
        if (cookie == null || !PageSecurity.wellFormed(cookie.getValue()) || given == null
                || !MessageDigest.isEqual(encryption.mac(CsrfToken.PURPOSE, cookie.getValue())
                        .getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new PageRefused(403, REFUSAL);
        }
    }
}
