package io.connectionhub.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.tenant.TenantService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The /v2/manage family's credentials: {@code apikey} + {@code apisecret} query parameters, or the
 * {@code X-LoginRadius-APIKey} + {@code X-LoginRadius-APISecret} headers. The key's tenant becomes the caller's.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String SCHEME = "loginradius-api-key";
    /** Granted to every identity this mechanism makes: the /v2/manage resources require it. */
    public static final String ROLE = "loginradius:manage";

    static final class ApiKeyRequest extends BaseAuthenticationRequest {
        final String key;
        final String secret;

        ApiKeyRequest(String key, String secret) {
            this.key = key;
            this.secret = secret;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = first(context.request().getHeader("X-LoginRadius-APIKey"), context.request().getParam("apikey"));
        String secret = first(context.request().getHeader("X-LoginRadius-APISecret"), context.request().getParam("apisecret"));
        if (key == null && secret == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (key == null || secret == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "Both the API key and the API secret are required"));
        }
        return identityProviderManager.authenticate(new ApiKeyRequest(key, secret));
    }

    private static String first(String header, String parameter) {
        String value = header != null && !header.isBlank() ? header : parameter;
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "APIKey realm=\"connection-hub\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, SCHEME));
    }

    /** Looks the key up and checks the secret against its stored digest. */
    @ApplicationScoped
    public static class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

        private final TenantService tenants;

        public ApiKeyIdentityProvider(TenantService tenants) {
            this.tenants = tenants;
        }

        @Override
        public Class<ApiKeyRequest> getRequestType() {
            return ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
            return tenants.tenantForApiKey(request.key, request.secret).map(tenantId -> {
                if (tenantId == null) {
                    throw new AuthenticationFailedException("The API key or API secret is invalid");
                }
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(request.key))
                        .addRole(ROLE)
                        .addAttribute(Caller.TENANT_ATTRIBUTE, tenantId)
                        .build();
            });
        }
    }
}
