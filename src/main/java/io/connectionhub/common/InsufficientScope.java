package io.connectionhub.common;

import java.util.Collection;

/** The caller is authenticated but its token lacks every scope the operation accepts. */
public class InsufficientScope extends DomainException {

    public InsufficientScope(Collection<String> expected) {
        super("Insufficient scope, expected any of: " + String.join(",", expected));
    }
}
