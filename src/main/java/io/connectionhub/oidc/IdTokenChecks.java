package io.connectionhub.oidc;

import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ALGORITHM;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_AUDIENCE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_AUTHORIZED_PARTY;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_EXPIRED;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ISSUED_IN_FUTURE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_ISSUER;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_MALFORMED;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_NONCE_MISMATCH;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_NONCE_MISSING;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_SIGNATURE;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_SUBJECT_MISSING;
import static io.connectionhub.oidc.OidcCheckFailed.Check.ID_TOKEN_UNKNOWN_KEY;

import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

/**
 * The checks an IdP's ID token must pass (OpenID Connect Core 1.0, 3.1.3.7), in the order the contract lists them:
 * signature by a key of the IdP's key set, {@code iss}, {@code aud}, {@code azp}, {@code exp} and {@code iat} with
 * the clock skew, {@code nonce}, and a subject. Each is a small method that throws one {@link OidcCheckFailed} naming
 * the check and the values that failed it. Nimbus parses the token and verifies signatures; nothing here parses JSON
 * or does cryptography by hand.
 */
final class IdTokenChecks {

    /** Asymmetric signatures only: never {@code none}, and no HMAC, whose key would be the client secret. */
    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    /** What the token must say: the discovered issuer, the client id, the nonce sent, and the time with its skew. */
    record Expected(String issuer, String clientId, String nonce, Instant now, Duration skew) {
    }

    private IdTokenChecks() {
    }

    /** The token as a signed JWT with an accepted algorithm. */
    static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw new OidcCheckFailed(ID_TOKEN_MALFORMED, "The token endpoint's answer has no id_token");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new OidcCheckFailed(ID_TOKEN_MALFORMED, "The ID token is not a JWT: " + e.getMessage());
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new OidcCheckFailed(ID_TOKEN_ALGORITHM, "The ID token is " + (parsed.getHeader().getAlgorithm() == null
                    || "none".equals(parsed.getHeader().getAlgorithm().getName()) ? "unsigned (alg none)" : "encrypted")
                    + "; only signed ID tokens are accepted");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ACCEPTED.contains(algorithm)) {
            throw new OidcCheckFailed(ID_TOKEN_ALGORITHM, "The ID token is signed with " + algorithm
                    + ", which is not accepted; the IdP must sign ID tokens with RS256 (or another RSA or EC algorithm)");
        }
        return signed;
    }

    /** The keys of {@code keys} the token's header can name (key id, key type, use); empty when none. */
    static List<JWK> candidates(SignedJWT token, JWKSet keys) {
        return new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader())).select(keys);
    }

    /** A failure for a token none of whose candidate keys is in {@code keys}, after the set was fetched again. */
    static OidcCheckFailed unknownKey(SignedJWT token, JWKSet keys, String jwksUri) {
        JWSHeader header = token.getHeader();
        List<String> ids = keys.getKeys().stream().map(key -> key.getKeyID() == null ? "(no kid)" : key.getKeyID())
                .toList();
        return new OidcCheckFailed(ID_TOKEN_UNKNOWN_KEY, header.getKeyID() != null
                ? "The ID token is signed with key id \"" + header.getKeyID() + "\", which the IdP's key set at " + jwksUri
                        + " does not have (it has " + ids + ")"
                : "The ID token names no key id, and the IdP's key set at " + jwksUri + " has no " + header.getAlgorithm()
                        + " signing key");
    }

    /** Every check, in order; the verified claims. */
    static JWTClaimsSet verify(SignedJWT token, List<JWK> candidates, Expected expected) {
        signature(token, candidates);
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OidcCheckFailed(ID_TOKEN_MALFORMED, "The ID token's claims are not a JSON object: " + e.getMessage());
        }
        issuer(claims, expected);
        audience(claims, expected);
        authorizedParty(claims, expected);
        expiry(claims, expected);
        issuedAt(claims, expected);
        nonce(claims, expected);
        subject(claims);
        return claims;
    }

    static void signature(SignedJWT token, List<JWK> candidates) {
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        for (JWK candidate : candidates) {
            try {
                Key key = candidate instanceof RSAKey rsa ? rsa.toRSAPublicKey()
                        : candidate instanceof ECKey ec ? ec.toECPublicKey() : null;
                if (key != null && token.verify(verifiers.createJWSVerifier(token.getHeader(), key))) {
                    return;
                }
            } catch (JOSEException e) {
                // this key cannot verify this token; the next may
            }
        }
        throw new OidcCheckFailed(ID_TOKEN_SIGNATURE, "The ID token's signature does not verify with the IdP's key "
                + (token.getHeader().getKeyID() == null ? "" : "\"" + token.getHeader().getKeyID() + "\" ") + "("
                + token.getHeader().getAlgorithm() + "): it was altered, or signed by another key");
    }

    static void issuer(JWTClaimsSet claims, Expected expected) {
        if (!expected.issuer().equals(claims.getIssuer())) {
            throw new OidcCheckFailed(ID_TOKEN_ISSUER, "ID token issuer mismatch: expected \"" + expected.issuer()
                    + "\", got " + quoted(claims.getIssuer()));
        }
    }

    static void audience(JWTClaimsSet claims, Expected expected) {
        List<String> audience = claims.getAudience();
        if (!audience.contains(expected.clientId())) {
            throw new OidcCheckFailed(ID_TOKEN_AUDIENCE, "ID token audience mismatch: expected \"" + expected.clientId()
                    + "\", got " + audience);
        }
    }

    static void authorizedParty(JWTClaimsSet claims, Expected expected) {
        Object azp = claims.getClaim("azp");
        if (azp == null && claims.getAudience().size() > 1) {
            throw new OidcCheckFailed(ID_TOKEN_AUTHORIZED_PARTY, "The ID token has several audiences "
                    + claims.getAudience() + " but no azp naming \"" + expected.clientId() + "\"");
        }
        if (azp != null && !expected.clientId().equals(azp)) {
            throw new OidcCheckFailed(ID_TOKEN_AUTHORIZED_PARTY, "ID token authorized party (azp) mismatch: expected \""
                    + expected.clientId() + "\", got " + quoted(azp));
        }
    }

    static void expiry(JWTClaimsSet claims, Expected expected) {
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new OidcCheckFailed(ID_TOKEN_EXPIRED, "The ID token has no exp");
        }
        if (expected.now().isAfter(expiry.toInstant().plus(expected.skew()))) {
            throw new OidcCheckFailed(ID_TOKEN_EXPIRED, "The ID token expired at " + expiry.toInstant() + " (now "
                    + expected.now() + ", clock skew " + expected.skew().toSeconds() + " s); check the IdP's clock");
        }
    }

    static void issuedAt(JWTClaimsSet claims, Expected expected) {
        Date issued = claims.getIssueTime();
        if (issued == null) {
            throw new OidcCheckFailed(ID_TOKEN_ISSUED_IN_FUTURE, "The ID token has no iat");
        }
        if (issued.toInstant().isAfter(expected.now().plus(expected.skew()))) {
            throw new OidcCheckFailed(ID_TOKEN_ISSUED_IN_FUTURE, "The ID token was issued in the future, at "
                    + issued.toInstant() + " (now " + expected.now() + ", clock skew " + expected.skew().toSeconds()
                    + " s); check the IdP's clock");
        }
    }

    static void nonce(JWTClaimsSet claims, Expected expected) {
        if (expected.nonce() == null) {
            return;
        }
        Object nonce = claims.getClaim("nonce");
        if (nonce == null) {
            throw new OidcCheckFailed(ID_TOKEN_NONCE_MISSING, "The ID token has no nonce, though the authorization "
                    + "request sent one; the IdP must return it");
        }
        if (!expected.nonce().equals(nonce)) {
            throw new OidcCheckFailed(ID_TOKEN_NONCE_MISMATCH, "ID token nonce mismatch: the token was not issued for "
                    + "this sign-in's authorization request (replayed or mixed up)");
        }
    }

    static void subject(JWTClaimsSet claims) {
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new OidcCheckFailed(ID_TOKEN_SUBJECT_MISSING, "The ID token has no sub");
        }
    }

    private static String quoted(Object value) {
        return value == null ? "none" : "\"" + value + "\"";
    }
}
