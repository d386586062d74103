package io.connectionhub.user;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as a sign-in leaves it: the profile it has now, and whether it is blocked (then the sign-in is refused). */
@RegisterForReflection
public record SignedInUser(String userId, String email, boolean emailVerified, String name, String givenName,
        String familyName, boolean blocked) {
}
