package io.connectionhub.page;

import java.util.List;

import io.connectionhub.common.ApiFamily;

/** Which paths are pages, and which of them take forms that must carry the CSRF token. */
public final class PagePaths {

    /**
     * Forms posted by our own pages. Not the SAML ACS (an identity provider posts it cross-site by design; its
     * signature and InResponseTo bind it) nor {@code /oauth/token} (an app's back channel).
     */
    public static final List<String> CSRF_PROTECTED = List.of("/u", "/ui", "/setup");

    private PagePaths() {
    }

    public static boolean isPage(String path) {
        return ApiFamily.of(path) == ApiFamily.PAGE;
    }

    public static boolean isCsrfProtected(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : CSRF_PROTECTED) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }
}
