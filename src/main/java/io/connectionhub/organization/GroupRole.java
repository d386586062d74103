package io.connectionhub.organization;

/** One IdP group mapped to a role, for an organization connection; the list order is the order given. */
record GroupRole(String id, String connectionId, String groupId, String name, String roleId) {
}
