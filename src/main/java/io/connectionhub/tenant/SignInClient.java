package io.connectionhub.tenant;

import java.util.List;

import io.connectionhub.auth.SecretDigest;

/**
 * An application as the sign-in flow sees it: where it may be sent back to, how it authenticates at the token
 * endpoint, and which grants it may use. Its secret never leaves; only {@link #authenticates} compares with it.
 */
public final class SignInClient {

    private final String tenantId;
    private final String clientId;
    private final String name;
    private final String appType;
    private final String tokenEndpointAuthMethod;
    private final List<String> grantTypes;
    private final List<String> callbacks;
    private final String secretHash;

    SignInClient(String tenantId, String clientId, String name, String appType, String tokenEndpointAuthMethod,
            List<String> grantTypes, List<String> callbacks, String secretHash) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.name = name;
        this.appType = appType;
        this.tokenEndpointAuthMethod = tokenEndpointAuthMethod;
        this.grantTypes = List.copyOf(grantTypes);
        this.callbacks = List.copyOf(callbacks);
        this.secretHash = secretHash;
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public String name() {
        return name;
    }

    public String appType() {
        return appType;
    }

    /** The exact redirect URIs the application may be sent back to. */
    public List<String> callbacks() {
        return callbacks;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /**
     * A public client (a single-page or native app, or one without a secret) cannot keep a secret: it proves a
     * code is its own with PKCE instead.
     */
    public boolean isPublic() {
        return "none".equals(tokenEndpointAuthMethod) || "spa".equals(appType) || "native".equals(appType);
    }

    /** Whether the client has a secret to authenticate with at the token endpoint. */
    public boolean hasSecret() {
        return secretHash != null;
    }

    /** Constant-time check of a presented secret. */
    public boolean authenticates(String secret) {
        return secret != null && SecretDigest.matches(secret, secretHash);
    }
}
