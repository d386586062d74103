package io.connectionhub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <admin token>} for the operator's API. With no admin token configured (the
 * production default) every admin request is refused.
 */
@ApplicationScoped
public class AdminTokenMechanism implements HttpAuthenticationMechanism {

    public static final String SCHEME = "admin-token";

    static final class AdminTokenRequest extends BaseAuthenticationRequest {
        final String token;

        AdminTokenRequest(String token) {
            this.token = token;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Expected: Authorization: Bearer <admin token>"));
        }
        return identityProviderManager.authenticate(new AdminTokenRequest(header.substring(7).trim()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"connection-hub-admin\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AdminTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, SCHEME));
    }

    /** Compares the presented token with the configured one in constant time. */
    @ApplicationScoped
    public static class AdminTokenIdentityProvider implements IdentityProvider<AdminTokenRequest> {

        private final Optional<String> configured;

        public AdminTokenIdentityProvider(@ConfigProperty(name = "connectionhub.admin.token") Optional<String> configured) {
            this.configured = configured.filter(token -> !token.isBlank());
        }

        @Override
        public Class<AdminTokenRequest> getRequestType() {
            return AdminTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AdminTokenRequest request, AuthenticationRequestContext context) {
            if (configured.isEmpty()) {
                return Uni.createFrom().failure(new AuthenticationFailedException(
                        "The admin API is disabled: no admin token is configured (CONNECTIONHUB_ADMIN_TOKEN)"));
            }
            boolean matches = MessageDigest.isEqual(configured.get().getBytes(StandardCharsets.UTF_8),
                    request.token.getBytes(StandardCharsets.UTF_8));
            if (!matches) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Invalid admin token"));
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("admin"))
                    .addRole(Scopes.ADMIN)
                    .build());
        }
    }
}
