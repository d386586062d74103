package io.connectionhub.tenant;

import java.util.List;

/** What a client that proved its secret may be given: its tenant, and the scopes it may be granted. */
public record ClientGrant(String tenantId, String clientId, boolean clientCredentialsAllowed, List<String> scopes) {
}
