package io.connectionhub.common;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** Says, in one sentence, why credentials were refused (the 401 message). */
public final class TokenProblems {

    private TokenProblems() {
    }

    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "Expired token received for JSON Web Token validation";
                } else if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                    return "Token is not valid yet (nbf)";
                } else if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return "Bad audience";
                } else if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "Bad issuer";
                } else if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                    return "Invalid signature received for JSON Web Token validation";
                }
            }
        }
        // Our own mechanisms (admin token, API key) refuse with a message and no cause.
        return failure.getCause() == null && failure.getMessage() != null ? failure.getMessage() : "Invalid token";
    }
}
