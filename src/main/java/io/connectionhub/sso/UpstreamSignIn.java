package io.connectionhub.sso;

import io.smallrye.mutiny.Uni;

/**
 * An engine that signs people in through one {@link UpstreamKind} of connection. {@code /authorize} (and the
 * identifier and organization pages) call {@link #start} once the request is stored and its connection chosen; when
 * the IdP answers, the engine's own endpoint (ACS, OIDC callback) finishes through {@link SignInCompletion}. One CDI
 * bean per kind; a kind without a bean answers the application {@code access_denied} ("not available").
 */
public interface UpstreamSignIn {

    UpstreamKind kind();

    /**
     * Starts the sign-in of {@code request} at the connection's identity provider. Work that would block (XML,
     * signatures, remote discovery) runs off the event loop. An {@link UpstreamRefused} (e.g. the IdP's settings are
     * incomplete) ends the request with {@code access_denied} and a failed-login log event carrying its message.
     */
    Uni<UpstreamStart> start(PendingRequest request, SignInConnection connection);
}
