package io.connectionhub.oidc;

/**
 * The query of {@code GET /login/callback}, as the IdP sent it: a code, or an error with its description; the state
 * the pending request is found by; and, from IdPs that support RFC 9207, the issuer.
 */
public record OidcCallback(String code, String state, String iss, String error, String errorDescription) {

    @Override
    public String toString() {
        return "OidcCallback[state=" + state + ", iss=" + iss + ", error=" + error + "]";
    }
}
