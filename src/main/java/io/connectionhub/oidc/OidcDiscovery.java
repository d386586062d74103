package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.DISCOVERY;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

import io.connectionhub.common.CallerContext;
import io.connectionhub.saml.OutboundFetcher;
import io.connectionhub.saml.OutboundRequestFailed;
import io.connectionhub.saml.OutboundRequestRefused;
import io.smallrye.mutiny.Uni;

/**
 * IdPs' discovery documents, fetched under the outbound rules (https, public addresses, size cap, timeout), parsed and
 * checked by Nimbus, and kept for {@code connectionhub.oidc.discovery-cache-ttl} per replica. The issuer a connection
 * expects is compared on every use, since two connections may point at one document.
 */
@ApplicationScoped
public class OidcDiscovery {

    static final String WELL_KNOWN = "/.well-known/openid-configuration";
    private static final int MAX_CACHED = 10_000;

    private final OutboundFetcher fetcher;
    private final ExpiringCache<OidcProvider> cache;

    public OidcDiscovery(OutboundFetcher fetcher, OidcConfig config) {
        this.fetcher = fetcher;
        this.cache = new ExpiringCache<>(config.discoveryCacheTtl(), MAX_CACHED);
    }

    /** The discovery URL of an issuer: {@code <issuer>/.well-known/openid-configuration}, trailing slashes dropped. */
    public static String discoveryUrl(String issuer) {
        return issuer.replaceAll("/+$", "") + WELL_KNOWN;
    }

    /** The connection's provider; fails with {@link OidcCheckFailed} ({@code DISCOVERY}). */
    public Uni<OidcProvider> provider(OidcSettings settings) {
        String url = settings.discoveryUrl();
        return cache.get(url, () -> fetch(url)).invoke(provider -> {
            if (settings.expectedIssuer() != null && !settings.expectedIssuer().equals(provider.issuer())) {
                throw new OidcCheckFailed(DISCOVERY, "OIDC discovery issuer mismatch: the connection expects \""
                        + settings.expectedIssuer() + "\", the document at " + url + " names \"" + provider.issuer()
                        + "\"");
            }
        });
    }

    private Uni<OidcProvider> fetch(String url) {
        return fetcher.fetch(url, OutboundFetcher.ACCEPT_JSON)
                .onFailure(failure -> failure instanceof OutboundRequestRefused || failure instanceof OutboundRequestFailed)
                .transform(failure -> new OidcCheckFailed(DISCOVERY, "OIDC discovery failed: " + failure.getMessage()))
                // Parsed on a worker: a document may be up to the size cap.
                .chain(body -> CallerContext.onWorker(() -> parse(url, body)));
    }

    static OidcProvider parse(String url, byte[] body) {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(new String(body, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new OidcCheckFailed(DISCOVERY, "The OIDC discovery document at " + url + " is not valid: "
                    + e.getMessage());
        }
        URI authorization = required(url, metadata.getAuthorizationEndpointURI(), "authorization_endpoint");
        URI token = required(url, metadata.getTokenEndpointURI(), "token_endpoint");
        URI jwks = required(url, metadata.getJWKSetURI(), "jwks_uri");
        return new OidcProvider(url, metadata.getIssuer().getValue(), authorization, token, jwks,
                metadata.getTokenEndpointAuthMethods() == null ? List.of() : metadata.getTokenEndpointAuthMethods(),
                metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs(),
                metadata.supportsAuthorizationResponseIssuerParam());
    }

    private static URI required(String url, URI value, String name) {
        if (value == null) {
            throw new OidcCheckFailed(DISCOVERY, "The OIDC discovery document at " + url + " has no " + name
                    + ", which the authorization code flow needs");
        }
        return value;
    }
}
