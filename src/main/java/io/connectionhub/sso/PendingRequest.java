package io.connectionhub.sso;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An application's accepted {@code /authorize} request, as stored until its sign-in ends. Its {@link #id()} is opaque
 * and unguessable: engines send it upstream as the SAML {@code RelayState} or the OIDC {@code state}, and find the
 * request again by it when the IdP answers.
 *
 * @param prompt the application's {@code prompt}; {@link #forceAuthn()} says whether to ask the IdP to authenticate
 *         the user again (SAML {@code ForceAuthn="true"}, OIDC {@code prompt=login})
 * @param connectionId the connection chosen so far (null while the identifier or organization page is shown)
 * @param upstreamId what the engine keyed the upstream request by (e.g. the SAML AuthnRequest ID); null before
 * @param upstream the engine's clear data (e.g. the OIDC nonce it sent)
 * @param upstreamSecrets the engine's secrets (e.g. the OIDC PKCE verifier), sealed at rest, opened here
 * @param testFor whose test sign-in this is ({@link SignInTest}); null for an application's sign-in, which then has a
 *         {@code clientId} and a {@code redirectUri} (a test has neither)
 */
public record PendingRequest(String id, String tenantId, String clientId, String redirectUri, String state,
        String nonce, String codeChallenge, String codeChallengeMethod, String scope, String connectionId,
        String organizationId, String loginHint, String prompt, String upstreamId, Map<String, String> upstream,
        Map<String, String> upstreamSecrets, OffsetDateTime expiresAt, String testFor) {

    /** An application's request. */
    public PendingRequest(String id, String tenantId, String clientId, String redirectUri, String state, String nonce,
            String codeChallenge, String codeChallengeMethod, String scope, String connectionId, String organizationId,
            String loginHint, String prompt, String upstreamId, Map<String, String> upstream,
            Map<String, String> upstreamSecrets, OffsetDateTime expiresAt) {
        this(id, tenantId, clientId, redirectUri, state, nonce, codeChallenge, codeChallengeMethod, scope, connectionId,
                organizationId, loginHint, prompt, upstreamId, upstream, upstreamSecrets, expiresAt, null);
    }

    /** A test sign-in from the console or the setup portal: it ends with a result shown there, not a code. */
    public boolean test() {
        return testFor != null;
    }

    public boolean forceAuthn() {
        return prompt != null && prompt.contains("login");
    }
}
