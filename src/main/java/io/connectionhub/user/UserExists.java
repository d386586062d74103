package io.connectionhub.user;

import io.connectionhub.common.DomainException;

/** The connection already has a user with this email (or the tenant one with this user id). */
public class UserExists extends DomainException {

    public UserExists() {
        super("The user already exists.");
    }
}
