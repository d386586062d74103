package io.connectionhub.user;

/** The outcome of checking a database user's password; {@code userId} is set when the password was right. */
public record PasswordCheck(Outcome outcome, String userId) {

    public enum Outcome {
        /** The password is the user's. */
        MATCH,
        /** No user of the connection has this email. */
        UNKNOWN_USER,
        /** The user exists; the password is not theirs (or they have none). */
        WRONG_PASSWORD
    }
}
