package io.connectionhub.organization;

import java.util.Arrays;

import io.connectionhub.connection.Strategy;

/** The {@code ConnectionType} of an organization connection, and the tenant-connection strategy behind it. */
enum OrgConnectionType {
    SAML_CUSTOM("saml_custom"), SAML_OKTA("saml_okta"), SAML_AZURE("saml_azure"), SAML_GOOGLE("saml_google"),
    SAML_PING("saml_ping"),
    OIDC_CUSTOM("oidc_custom"), OIDC_OKTA("oidc_okta"), OIDC_AZURE("oidc_azure"), OIDC_GOOGLE("oidc_google");

    private final String wire;

    OrgConnectionType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    boolean saml() {
        return wire.startsWith("saml_");
    }

    /** {@code samlp} for every SAML type, {@code oidc} for every OIDC type. */
    String strategy() {
        return saml() ? Strategy.SAMLP : Strategy.OIDC;
    }

    /** The type written {@code wire}, or null when there is none. */
    static OrgConnectionType of(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst().orElse(null);
    }
}
