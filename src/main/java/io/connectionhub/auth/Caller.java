package io.connectionhub.auth;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.connectionhub.common.Unauthenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the tenant comes from the verified credentials only (a token's claim or the API key's
 * tenant), never from a request parameter.
 */
@RequestScoped
public class Caller {

    /** Attribute under which the API-key mechanism records the key's tenant. */
    public static final String TENANT_ATTRIBUTE = "connectionhub.tenant";

    private final SecurityIdentity identity;
    /** Asked for several times per request; looked up once. */
    private String tenant;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String tenantId() {
        if (tenant == null) {
            tenant = find();
        }
        return tenant;
    }

    private String find() {
        Object attribute = identity.getAttribute(TENANT_ATTRIBUTE);
        if (attribute instanceof String key) {
            return key;
        }
        String claim = identity.getPrincipal() instanceof JsonWebToken token ? JwtVerification.tenantOf(token) : null;
        if (claim != null) {
            return claim;
        }
        throw new Unauthenticated("The credentials name no tenant");
    }

    public boolean hasScope(String scope) {
        return identity.hasRole(scope);
    }
}
