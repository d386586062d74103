package io.connectionhub.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.tenant.ClientGrant;
import io.connectionhub.tenant.ClientService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

/**
 * The client-credentials grant: checks the client, narrows the scopes, signs an RS256 access token; the
 * authorization-code grant is handed to {@link AuthorizationCodeGrant}. Created at
 * start, so that the tokens-issued counter is exported (as 0) before the first token.
 */
@Startup
@ApplicationScoped
public class TokenService {

    private static final String CLIENT_CREDENTIALS = "client_credentials";
    /** Exported as {@code connectionhub_tokens_issued_total}; no client or tenant tag, to keep cardinality bounded. */
    static final String TOKENS_ISSUED = "connectionhub.tokens.issued";

    private final ClientService clients;
    private final SigningKeys keys;
    private final PublicUrl publicUrl;
    private final JwtConfig config;
    private final Counter issued;
    private final AuthorizationCodeGrant codeGrant;

    public TokenService(ClientService clients, SigningKeys keys, PublicUrl publicUrl, JwtConfig config,
            MeterRegistry registry, AuthorizationCodeGrant codeGrant) {
        this.codeGrant = codeGrant;
        this.clients = clients;
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.config = config;
        this.issued = Counter.builder(TOKENS_ISSUED).description("Access tokens signed by /oauth/token")
                .register(registry);
    }

    public Uni<TokenResponse> issue(TokenRequest request) {
        if (request.grantType() == null || request.grantType().isBlank()) {
            throw new TokenRefused(TokenRefused.Reason.INVALID_REQUEST, "Missing required parameter: grant_type");
        }
        if (AuthorizationCodeGrant.GRANT_TYPE.equals(request.grantType())) {
            return codeGrant.redeem(request);
        }
        if (!CLIENT_CREDENTIALS.equals(request.grantType())) {
            throw new TokenRefused(TokenRefused.Reason.UNSUPPORTED_GRANT,
                    "Unsupported grant type: " + request.grantType());
        }
        if (blank(request.clientId()) || blank(request.clientSecret())) {
            throw new TokenRefused(TokenRefused.Reason.INVALID_REQUEST,
                    "Missing required parameter: client_id and client_secret");
        }
        String audience = blank(request.audience()) ? publicUrl.managementAudience() : request.audience();
        if (!sameAudience(audience, publicUrl.managementAudience())) {
            throw new TokenRefused(TokenRefused.Reason.NOT_PERMITTED, "Service not enabled within domain: " + audience);
        }
        return clients.authenticate(request.clientId(), request.clientSecret()).map(grant -> {
            if (grant == null) {
                throw new TokenRefused(TokenRefused.Reason.BAD_CREDENTIALS, "Unauthorized");
            }
            if (!grant.clientCredentialsAllowed()) {
                throw new TokenRefused(TokenRefused.Reason.GRANT_NOT_ALLOWED,
                        "Grant type 'client_credentials' not allowed for the client.");
            }
            return sign(grant, grantedScopes(request.scope(), grant));
        });
    }

    /** What was asked for and may be had; everything that may be had when nothing was asked for. */
    static List<String> grantedScopes(String requested, ClientGrant grant) {
        if (blank(requested)) {
            return grant.scopes();
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> granted = asked.stream().filter(grant.scopes()::contains).toList();
        if (granted.isEmpty()) {
            throw new TokenRefused(TokenRefused.Reason.NOT_PERMITTED,
                    "Client has not been granted scopes: " + String.join(" ", asked));
        }
        return granted;
    }

    private TokenResponse sign(ClientGrant grant, List<String> scopes) {
        Instant now = Instant.now();
        long lifetime = config.tokenLifetime().toSeconds();
        String scope = String.join(" ", scopes);
        String token = Jwt.issuer(publicUrl.issuer())
                .subject(grant.clientId() + "@clients")
                .audience(publicUrl.managementAudience())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .claim("azp", grant.clientId())
                .claim("gty", "client-credentials")
                .claim("scope", scope)
                .claim(JwtVerification.TENANT_CLAIM, grant.tenantId())
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.signingKeyId())
                .sign(keys.signingKey());
        issued.increment();
        return new TokenResponse(token, "Bearer", lifetime, scope);
    }

    private static boolean sameAudience(String given, String expected) {
        String a = given.endsWith("/") ? given : given + "/";
        return a.equals(expected);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
