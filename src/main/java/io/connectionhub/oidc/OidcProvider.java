package io.connectionhub.oidc;

import java.net.URI;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;

/**
 * An IdP's discovery document, as far as the code flow uses it.
 *
 * @param tokenAuthMethods the token endpoint's client authentication methods; empty when the document names none
 *        (then {@code client_secret_basic}, the default of OpenID Connect Discovery 1.0)
 * @param issuerParameterSupported RFC 9207: the IdP adds {@code iss} to its authorization responses
 */
public record OidcProvider(String discoveryUrl, String issuer, URI authorizationEndpoint, URI tokenEndpoint,
        URI jwksUri, List<ClientAuthenticationMethod> tokenAuthMethods, List<JWSAlgorithm> idTokenAlgorithms,
        boolean issuerParameterSupported) {
}
