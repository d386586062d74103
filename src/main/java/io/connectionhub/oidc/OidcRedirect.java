package io.connectionhub.oidc;

import java.net.URI;

/**
 * Where to send the browser to sign in at the IdP, and what to keep with the pending request until the callback:
 * the nonce the ID token must carry and the PKCE verifier the code exchange must show (a secret: store it sealed).
 */
public record OidcRedirect(URI url, String state, String nonce, String codeVerifier) {

    @Override
    public String toString() {
        return "OidcRedirect[url=" + url + "]";
    }
}
