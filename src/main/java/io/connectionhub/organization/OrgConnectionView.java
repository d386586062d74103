package io.connectionhub.organization;

/** An organization connection with the organization it belongs to. */
public record OrgConnectionView(String organizationId, OrgConnectionResponse connection) {
}
