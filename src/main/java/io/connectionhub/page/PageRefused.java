package io.connectionhub.page;

import io.connectionhub.common.DomainException;

/**
 * A refusal only pages have (a form without its CSRF token, a sign-in request that cannot be tied to an app), with
 * the status and the plain-language message the person sees.
 */
public class PageRefused extends DomainException {

    private final int status;

    public PageRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
