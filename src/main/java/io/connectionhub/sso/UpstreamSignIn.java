package io.connectionhub.sso;

import io.connectionhub.tenant.TenantConfigCache;
import io.smallrye.mutiny.Uni;

/**
 * An engine that signs people in through one {@link UpstreamKind} of connection. {@code /authorize} calls
 * {@link #start} once the request's connection is chosen and stores the request with what the engine started (the
 * identifier and organization pages, with a request already stored, store that on it); when
 * the IdP answers, the engine's own endpoint (ACS, OIDC callback) finishes through {@link SignInCompletion}. One CDI
 * bean per kind; a kind without a bean answers the application {@code access_denied} ("not available").
 */
public interface UpstreamSignIn {

    UpstreamKind kind();

    /**
     * Starts the sign-in of {@code request} at the connection's identity provider. Work that would block (XML,
     * signatures, remote discovery) runs off the event loop. An {@link UpstreamRefused} (e.g. the IdP's settings are
     * incomplete) ends the request with {@code access_denied} and a failed-login log event carrying its message.
     * {@code config} is the tenant's configuration as this request sees it, for what the engine may keep of it.
     */
    Uni<UpstreamStart> start(PendingRequest request, SignInConnection connection, TenantConfigCache.Snapshot config);
}
