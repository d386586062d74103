package io.connectionhub.common;

/** The two wire families, chosen by request path, that decide the shape of every error body. */
public enum ApiFamily {
    /** {@code /api/v2/**}, {@code /oauth/**}, and everything that is not LoginRadius-shaped. */
    AUTH0,
    /** {@code /v2/manage/**}. */
    LOGINRADIUS;

    public static ApiFamily of(String path) {
        return path != null && (path.equals("/v2/manage") || path.startsWith("/v2/manage/")) ? LOGINRADIUS : AUTH0;
    }
}
