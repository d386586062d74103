package io.connectionhub.ui;

import java.util.List;

import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.saml.SpEndpoints;

/**
 * What the console's connection page shows: the connection, its SP values (SAML), its IdP's settings and certificate,
 * the organization it belongs to, and how many users it has (counted up to a cap).
 */
public record ConnectionDetail(ConnectionResponse connection, SpEndpoints sp, String idpEntityId, String idpSsoUrl,
        CertificateFacts certificate, String organizationId, long users, boolean moreUsers, List<String> enabledClients) {
}
