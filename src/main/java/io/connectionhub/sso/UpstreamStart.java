package io.connectionhub.sso;

import java.net.URI;
import java.util.Map;

/**
 * How an engine started a sign-in: where to send the browser (the IdP's SSO URL with the AuthnRequest, the OIDC
 * authorization endpoint), and what it must find again when the IdP answers. The core stores {@code upstreamId},
 * {@code data} and {@code secrets} (sealed) on the pending request before it redirects.
 */
public record UpstreamStart(URI redirect, String upstreamId, Map<String, String> data, Map<String, String> secrets) {

    /** A redirect that needs nothing stored (the service's own pages). */
    public static UpstreamStart redirectOnly(URI redirect) {
        return new UpstreamStart(redirect, null, Map.of(), Map.of());
    }
}
