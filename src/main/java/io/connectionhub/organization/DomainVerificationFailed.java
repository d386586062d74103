package io.connectionhub.organization;

import io.connectionhub.common.DomainException;

/** The DNS did not show the domain's challenge record; the message says what it showed instead. */
public class DomainVerificationFailed extends DomainException {

    public DomainVerificationFailed(String problem) {
        super(problem);
    }
}
