package io.connectionhub.common;

import java.util.List;

/** The wire families, chosen by request path, that decide the shape of every error body. */
public enum ApiFamily {
    /** {@code /api/v2/**}, and everything that is neither LoginRadius-shaped, OAuth-shaped nor a page. */
    AUTH0,
    /** {@code /oauth/**} and {@code /userinfo}: OAuth's {@code {"error","error_description"}} (RFC 6749 5.2, 6750 3). */
    OAUTH,
    /** {@code /v2/manage/**}. */
    LOGINRADIUS,
    /** Pages a person's browser shows: sign-in, the SAML ACS, the console and the setup portal (HTML errors). */
    PAGE;

    /** Path prefixes of pages; each is the whole path or the start of one followed by {@code /}. */
    public static final List<String> PAGE_PREFIXES = List.of("/authorize", "/u", "/login", "/saml/sp/acs", "/ui",
            "/setup");

    public static ApiFamily of(String path) {
        if (path == null) {
            return AUTH0;
        }
        if (under(path, "/v2/manage")) {
            return LOGINRADIUS;
        }
        if (under(path, "/oauth") || under(path, "/userinfo")) {
            return OAUTH;
        }
        for (String prefix : PAGE_PREFIXES) {
            if (under(path, prefix)) {
                return PAGE;
            }
        }
        return AUTH0;
    }

    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
