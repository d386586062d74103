package io.connectionhub.ui;

import java.util.List;

import io.connectionhub.organization.OrganizationResponse;
import io.connectionhub.setup.SetupLinkCreated;
import io.connectionhub.setup.SetupLinkResponse;

/**
 * The console's page of an organization: its domains (with the TXT record to publish), its connections, its setup
 * links; a link just made (its URL is shown this once), what the last action did, and a refused form's errors.
 */
public record OrganizationView(OrganizationResponse organization, List<SetupLinkResponse> links,
        SetupLinkCreated created, String notice, FormErrors errors, String domainName) {
}
