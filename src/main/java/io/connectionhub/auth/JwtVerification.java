package io.connectionhub.auth;

import java.util.List;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * What smallrye-jwt checks on every bearer token: an RS256 signature by one of our keys (chosen by
 * {@code kid}), our issuer, the management audience, {@code exp}/{@code nbf} with a small skew. Scopes
 * become roles, so {@code @RolesAllowed("read:connections")} is a scope check. Keys come from
 * {@link SigningKeys}, which is why this replaces smallrye-jwt's configuration-driven producer.
 */
@ApplicationScoped
public class JwtVerification {

    public static final String TENANT_CLAIM = "tenant_id";

    /**
     * The token's tenant claim, or null. Read once per use: smallrye-jwt resolves a claim name that is not one of
     * the standard ones by catching the {@code IllegalArgumentException} of {@code Claims.valueOf}, a stack trace
     * filled in on every lookup.
     */
    public static String tenantOf(JsonWebToken token) {
        Object claim = token.getClaim(TENANT_CLAIM);
        return claim == null ? null : claim.toString();
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeys keys, PublicUrl publicUrl, JwtConfig config, ObjectMapper mapper)
            throws JsonProcessingException {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(mapper.writeValueAsString(keys.jwks()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(publicUrl.issuer());
        info.setExpectedAudience(Set.of(publicUrl.managementAudience()));
        int skew = (int) config.clockSkew().toSeconds();
        info.setClockSkew(skew);
        info.setExpGracePeriodSecs(skew);
        info.setGroupsPath("scope");
        info.setGroupsSeparator(" ");
        info.setRequiredClaims(Set.of("exp", "iat", "sub", TENANT_CLAIM));
        info.setTokenSchemes(List.of("Bearer"));
        return info;
    }
}
