package io.connectionhub.page;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.connectionhub.common.FieldEncryption;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The CSRF token a page puts in its forms ({@code <input type="hidden" name="{inject:csrf.fieldName}"
 * value="{inject:csrf.token}">}) and htmx sends as the {@code X-CSRF-Token} header: an HMAC of the browser's CSRF
 * cookie under the service's key, so a cookie planted by a neighbouring site is useless without the matching token.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String FIELD = "csrf-token";
    public static final String HEADER = "X-CSRF-Token";
    static final String PURPOSE = "csrf";

    private final CurrentVertxRequest request;
    private final FieldEncryption encryption;

    public CsrfToken(CurrentVertxRequest request, FieldEncryption encryption) {
        this.request = request;
        this.encryption = encryption;
    }

    public String getToken() {
        String cookie = request.getCurrent() == null ? null : request.getCurrent().get(PageSecurity.CSRF_VALUE);
        if (cookie == null) {
            throw new IllegalStateException("No CSRF cookie on this path: forms are checked only under "
                    + PagePaths.CSRF_PROTECTED);
        }
        return encryption.mac(PURPOSE, cookie);
    }

    public String getFieldName() {
        return FIELD;
    }

    public String getHeaderName() {
        return HEADER;
    }
}
