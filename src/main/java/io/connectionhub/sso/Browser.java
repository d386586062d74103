package io.connectionhub.sso;

import io.vertx.core.http.HttpServerRequest;

/** Who is signing in, as the log events record it: the client's address and user agent. */
public record Browser(String ip, String userAgent) {

    private static final int MAX_USER_AGENT = 512;

    /** From the request (the remote address honours {@code quarkus.http.proxy.*} when a proxy is configured). */
    public static Browser of(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        return new Browser(ip == null ? "unknown" : ip, clean(agent));
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
    }
}
