package io.connectionhub.setup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.connectionhub.organization.DomainResponse;
import io.connectionhub.organization.OrgConnectionResponse;
import io.connectionhub.organization.OrganizationResponse;
import io.connectionhub.saml.SpEndpoints;

/**
 * Where an organization's setup stands, as the portal's task list shows it: its domains, the connection the link made
 * (if any) and the identity provider it is for, the SP values to give that IdP, and the checks of step 4.
 */
public record PortalState(SetupLink link, OrganizationResponse organization, OrgConnectionResponse connection,
        IdentityProvider provider, SpEndpoints sp, String oidcRedirectUri) {

    /** One check of the validation step. */
    public record Check(String label, boolean ok, String detail) {
    }

    public boolean sso() {
        return link.wants(SetupLink.SSO);
    }

    public boolean domains() {
        return link.wants(SetupLink.DOMAIN_VERIFICATION);
    }

    public boolean domainVerified() {
        return organization.domains().stream().anyMatch(DomainResponse::verified);
    }

    public List<DomainResponse> verifiedDomains() {
        return organization.domains().stream().filter(DomainResponse::verified).toList();
    }

    public boolean entered() {
        return connection != null;
    }

    /** Step 5: the connection passed a test sign-in since its details last changed. */
    public boolean tested() {
        return connection != null && link.testedAt() != null;
    }

    public boolean completed() {
        return link.completedAt() != null;
    }

    public boolean active() {
        return connection != null && connection.active();
    }

    /** The checks of the IdP settings the connection holds; all must pass before activation. */
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        if (connection == null) {
            return checks;
        }
        if (connection.oidcIssuer() != null) {
            checks.add(new Check("Issuer", true, connection.oidcIssuer() + " (its discovery document names it)"));
            checks.add(new Check("Client ID", connection.clientId() != null, connection.clientId()));
            return checks;
        }
        checks.add(new Check("IdP entity ID", connection.idpEntityId() != null && !connection.idpEntityId().isBlank(),
                connection.idpEntityId()));
        String sso = connection.idpSsoUrl();
        checks.add(new Check("Single sign-on URL", sso != null && sso.startsWith("https://"),
                sso == null ? "missing" : sso.startsWith("https://") ? sso : sso + " (must be an https URL)"));
        OrgConnectionResponse.IdpCertificate certificate = connection.idpCertificate();
        if (certificate == null) {
            checks.add(new Check("Signing certificate", false, "missing"));
        } else {
            Instant now = Instant.now();
            boolean notYet = certificate.notBefore() != null && Instant.parse(certificate.notBefore()).isAfter(now);
            String detail = "valid from " + certificate.notBefore() + " until " + certificate.notAfter()
                    + (certificate.expired() ? " — expired" : notYet ? " — not valid yet" : "");
            checks.add(new Check("Signing certificate", !certificate.expired() && !notYet, detail));
        }
        return checks;
    }

    public boolean valid() {
        return connection != null && checks().stream().allMatch(Check::ok);
    }
}
