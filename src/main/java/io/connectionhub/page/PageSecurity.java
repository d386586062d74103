package io.connectionhub.page;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.connectionhub.auth.PublicUrl;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every page answer carries: no caching, no framing, no sniffing, no referrer, a content security policy that
 * allows only the service's own scripts and styles; and, on paths whose forms are checked ({@link CsrfCheck}), the
 * browser's CSRF cookie (a random value, set when missing).
 */
@ApplicationScoped
public class PageSecurity {

    public static final String CSRF_COOKIE = "hub_csrf";
    static final String CSRF_VALUE = "connectionhub.csrf-cookie";
    private static final int CSRF_BYTES = 32;
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private final SecureRandom random = new SecureRandom();
    private final boolean secureCookies;

    public PageSecurity(PublicUrl publicUrl) {
        this.secureCookies = publicUrl.base().startsWith("https://");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::apply);
    }

    private void apply(RoutingContext context) {
        String path = context.normalizedPath();
        if (PagePaths.isPage(path)) {
            HttpServerResponse response = context.response();
            response.putHeader("Cache-Control", "no-store");
            response.putHeader("X-Content-Type-Options", "nosniff");
            response.putHeader("X-Frame-Options", "DENY");
            response.putHeader("Referrer-Policy", "no-referrer");
            response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (PagePaths.isCsrfProtected(path)) {
                context.put(CSRF_VALUE, csrfCookie(context));
            }
        }
        context.next();
    }

    /** The browser's CSRF cookie value, or a new one sent with this answer. */
    private String csrfCookie(RoutingContext context) {
        Cookie sent = context.request().getCookie(CSRF_COOKIE);
        if (sent != null && wellFormed(sent.getValue())) {
            return sent.getValue();
        }
        byte[] bytes = new byte[CSRF_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        context.response().addCookie(Cookie.cookie(CSRF_COOKIE, value).setPath("/").setHttpOnly(true)
                .setSecure(secureCookies).setSameSite(CookieSameSite.LAX));
        return value;
    }

    static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c)
                && c < 128 || c == '-' || c == '_');
    }
}
