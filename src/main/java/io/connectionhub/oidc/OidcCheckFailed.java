package io.connectionhub.oidc;

import io.connectionhub.common.DomainException;

/**
 * An OIDC sign-in that stopped at a check: the connection's settings, the IdP's discovery or keys, its answer on the
 * callback, the code exchange, or one of the ID token's checks. The message names the check and the values that
 * failed it, in words an IdP administrator can act on; the IdP's own error code and description are kept apart when
 * the IdP refused, so that they can be passed on to the application.
 */
public class OidcCheckFailed extends DomainException {

    /** The check that failed, in the order a sign-in meets them. */
    public enum Check {
        /** The connection is not an active OIDC connection with a client id and secret. */
        CONNECTION_SETTINGS,
        /** The discovery document could not be fetched, is not valid, or names another issuer. */
        DISCOVERY,
        /** The IdP's key set could not be fetched or is not valid. */
        KEYS,
        /** RFC 9207: the callback's {@code iss} is missing where the IdP promises it, or names another issuer. */
        CALLBACK_ISSUER,
        /** The IdP answered the authorization request with an error. */
        IDP_ERROR,
        /** The callback has neither a code nor an error. */
        MISSING_CODE,
        /** The token endpoint refused the code or answered something unusable. */
        TOKEN_EXCHANGE,
        /** The ID token is not a signed JWT. */
        ID_TOKEN_MALFORMED,
        /** The ID token is signed with an algorithm that is not accepted (none, HMAC, unknown). */
        ID_TOKEN_ALGORITHM,
        /** No key of the IdP's key set matches the ID token's header, even after the key set was fetched again. */
        ID_TOKEN_UNKNOWN_KEY,
        /** The ID token's signature does not verify. */
        ID_TOKEN_SIGNATURE,
        /** {@code iss} is not the discovered issuer. */
        ID_TOKEN_ISSUER,
        /** {@code aud} does not contain the client id. */
        ID_TOKEN_AUDIENCE,
        /** {@code azp} is missing with several audiences, or is not the client id. */
        ID_TOKEN_AUTHORIZED_PARTY,
        /** {@code exp} is missing or past, beyond the clock skew. */
        ID_TOKEN_EXPIRED,
        /** {@code iat} is missing or in the future, beyond the clock skew. */
        ID_TOKEN_ISSUED_IN_FUTURE,
        /** {@code nonce} is missing. */
        ID_TOKEN_NONCE_MISSING,
        /** {@code nonce} is not the one sent with the authorization request. */
        ID_TOKEN_NONCE_MISMATCH,
        /** {@code sub} is missing. */
        ID_TOKEN_SUBJECT_MISSING
    }

    private final Check check;
    private final String idpError;
    private final String idpErrorDescription;

    public OidcCheckFailed(Check check, String message) {
        this(check, message, null, null);
    }

    OidcCheckFailed(Check check, String message, String idpError, String idpErrorDescription) {
        super(message);
        this.check = check;
        this.idpError = idpError;
        this.idpErrorDescription = idpErrorDescription;
    }

    public Check check() {
        return check;
    }

    /** The IdP's {@code error} when it refused ({@link Check#IDP_ERROR}, {@link Check#TOKEN_EXCHANGE}); else null. */
    public String idpError() {
        return idpError;
    }

    /** The IdP's {@code error_description} with its {@code error}, or null. */
    public String idpErrorDescription() {
        return idpErrorDescription;
    }
}
