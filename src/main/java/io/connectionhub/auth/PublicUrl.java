package io.connectionhub.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's public base URL, from which token issuer, audience and SAML endpoints are built. */
@ApplicationScoped
public class PublicUrl {

    private final String base;

    public PublicUrl(@ConfigProperty(name = "connectionhub.public-url", defaultValue = "http://localhost:8080") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Without a trailing slash. */
    public String base() {
        return base;
    }

    public String issuer() {
        return base + "/";
    }

    public String managementAudience() {
        return base + "/api/v2/";
    }

    /** The redirect URI of every OIDC connection at its IdP (one for all connections; the state tells them apart). */
    public String oidcCallbackUrl() {
        return base + "/login/callback";
    }
}
