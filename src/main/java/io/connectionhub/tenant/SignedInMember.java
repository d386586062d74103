package io.connectionhub.tenant;

/** A member whose password was just checked: who signs in to the console, and to which tenant. */
public record SignedInMember(String memberId, String tenantId, String email) {
}
