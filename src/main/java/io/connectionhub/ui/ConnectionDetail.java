package io.connectionhub.ui;

import java.util.List;

import io.connectionhub.connection.ConnectionResponse;
import io.connectionhub.saml.SpEndpoints;
import io.connectionhub.sso.LogEvent;

/**
 * What the console's connection page shows: the connection, its SP values (SAML), its IdP's settings and certificate,
 * the organization it belongs to, how many users it has (counted up to a cap), its recent sign-in events, and whether
 * the service can sign in through it (and so test it).
 */
public record ConnectionDetail(ConnectionResponse connection, SpEndpoints sp, String idpEntityId, String idpSsoUrl,
        CertificateFacts certificate, String organizationId, long users, boolean moreUsers, List<String> enabledClients,
        List<LogEvent> events, boolean testable) {
}
