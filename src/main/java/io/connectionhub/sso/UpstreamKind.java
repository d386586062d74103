package io.connectionhub.sso;

import io.connectionhub.connection.Strategy;

/** How a connection signs people in: with the service's own password form, or at a SAML or OIDC identity provider. */
public enum UpstreamKind {
    /** {@code auth0} (database) connections: the service's password form, the connection's users. */
    DATABASE,
    /** {@code samlp} connections of the /api/v2 family, and the organization family's {@code saml_*} connections. */
    SAML,
    /** {@code oidc} connections of the /api/v2 family, and the organization family's {@code oidc_*} connections. */
    OIDC;

    /** The kind of a connection of this strategy; null when the service cannot sign in through that strategy. */
    public static UpstreamKind of(String strategy) {
        return switch (strategy) {
            case Strategy.AUTH0 -> DATABASE;
            case Strategy.SAMLP -> SAML;
            case Strategy.OIDC -> OIDC;
            default -> null;
        };
    }
}
