package io.connectionhub.sso;

import io.connectionhub.common.DomainException;

/**
 * A sign-in that cannot go on at the identity provider, or whose answer failed a check. The message names the check
 * and the values that failed it in words an IdP administrator can act on ("Audience mismatch: expected X, got Y"); it
 * becomes the failed-login log event's description and the {@code error_description} sent to the application. It
 * never holds an assertion, a token or a password.
 */
public class UpstreamRefused extends DomainException {

    public UpstreamRefused(String message) {
        super(message);
    }
}
