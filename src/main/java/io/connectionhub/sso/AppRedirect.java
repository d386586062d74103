package io.connectionhub.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authorization response, sent to the application's redirect URI (one of its callbacks, checked before): a
 * code or an error, with the application's {@code state} when it sent one and the issuer ({@code iss}, RFC 9207).
 */
final class AppRedirect {

    private AppRedirect() {
    }

    static URI code(String redirectUri, String code, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        parameters.put("state", state);
        parameters.put("iss", issuer);
        return to(redirectUri, parameters);
    }

    static URI error(String redirectUri, String error, String description, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        parameters.put("state", state);
        parameters.put("iss", issuer);
        return to(redirectUri, parameters);
    }

    /** The redirect URI with the parameters added to its query (before any fragment); null values left out. */
    private static URI to(String redirectUri, Map<String, String> parameters) {
        int hash = redirectUri.indexOf('#');
        String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
        StringBuilder uri = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getValue() == null) {
                continue;
            }
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }
}
