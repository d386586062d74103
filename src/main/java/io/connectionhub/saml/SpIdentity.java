package io.connectionhub.saml;

/**
 * The service's side of one SAML connection, as stored: its URL token, certificate and sealed private key.
 *
 * @param privateKeySealed base64 PKCS#8, sealed by {@link io.connectionhub.common.FieldEncryption} for
 *        {@link SpIdentityService#keyOwner}
 */
public record SpIdentity(String connectionId, String tenantId, String token, String certificatePem,
        String privateKeySealed) {
}
