package io.connectionhub.sso;

import java.net.URI;

/** What a posted sign-in form leads to: the next redirect, or the form again with an error and its status. */
record FormOutcome(URI redirect, int status, String error) {

    static FormOutcome redirect(URI to) {
        return new FormOutcome(to, 303, null);
    }

    static FormOutcome again(int status, String error) {
        return new FormOutcome(null, status, error);
    }
}
