package io.connectionhub.user;

/**
 * A user as an identity provider described it at sign-in, already mapped to profile fields. {@code subject} is the
 * IdP's stable id of the user (NameID, {@code sub}); the user id becomes {@code <strategy>|<connection>|<subject>}.
 */
public record UpstreamUser(String subject, String email, boolean emailVerified, String name, String givenName,
        String familyName) {
}
