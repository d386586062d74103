package io.connectionhub.sso;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.tenant.TenantConfigCache;
import io.smallrye.mutiny.Uni;

/** Database connections sign in on the service's own password form; starting is sending the browser there. */
@ApplicationScoped
public class DatabaseSignIn implements UpstreamSignIn {

    static final String PASSWORD_PAGE = "/u/login/password";

    private final PublicUrl publicUrl;

    public DatabaseSignIn(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    public UpstreamKind kind() {
        return UpstreamKind.DATABASE;
    }

    @Override
    public Uni<UpstreamStart> start(PendingRequest request, SignInConnection connection,
            TenantConfigCache.Snapshot config) {
        return Uni.createFrom().item(UpstreamStart.redirectOnly(
                URI.create(publicUrl.base() + PASSWORD_PAGE + "?state=" + request.id())));
    }
}
