package io.connectionhub.organization;

import static io.connectionhub.organization.Orgs.SEVEN_NINE_HUNDRED;
import static io.connectionhub.organization.Orgs.uniqueDomain;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Domains: the name rules, DNS verification against a loopback responder, one verifier per domain, deletion. */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class OrganizationDomainResourceTest {

    static TestTenant tenant;
    static TestTenant other;

    @BeforeEach
    void tenants() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
        }
    }

    static String domains(String orgId) {
        return "/v2/manage/organizations/" + orgId + "/domains";
    }

    static ValidatableResponse add(String orgId, String domain) {
        return tenant.manage().body(Map.of("DomainName", domain)).post(domains(orgId)).then();
    }

    static ValidatableResponse verify(String orgId, String domainId) {
        return tenant.manage().post(domains(orgId) + "/" + domainId).then();
    }

    static void assertInvalid(ValidatableResponse response, String description) {
        response.statusCode(400).body("ErrorCode", equalTo(7900)).body("Message", equalTo(SEVEN_NINE_HUNDRED))
                .body("Description", equalTo(description));
    }

    static void assertVerificationFailed(ValidatableResponse response, String description) {
        response.statusCode(422).body("ErrorCode", equalTo(8168))
                .body("Message", equalTo("Failed to fetch Domain TXT record"))
                .body("Description", equalTo(description));
    }

    // --- add and list

    @Test
    void addAnswers201WithTheTokenToPublish() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();

        JsonPath added = add(orgId, domain).statusCode(201)
                .header("Location", matchesPattern(".*/domains/org_domain_[A-Za-z0-9]{16}"))
                .body("Id", matchesPattern("org_domain_[A-Za-z0-9]{16}"))
                .body("DomainName", equalTo(domain))
                .body("IsVerified", equalTo(false))
                .body("VerificationStrategy", equalTo("dns"))
                .body("VerificationToken", matchesPattern("[A-Za-z0-9]{32}"))
                .body("VerificationRecordName", equalTo("_connectionhub-challenge." + domain))
                .body("VerifiedDate", nullValue())
                .extract().jsonPath();
        tenant.manage().get(domains(orgId)).then().statusCode(200)
                .body("Data.Id", equalTo(List.of(added.getString("Id"))))
                .body("Data[0].VerificationRecordValue",
                        equalTo("connectionhub-verification=" + added.getString("VerificationToken")));
    }

    @Test
    void theDomainNameMustBeALowerCaseDnsName() {
        String orgId = Orgs.create(tenant);
        assertInvalid(add(orgId, "Example.com"),
                "The DomainName is invalid: 'Example.com' must be written in lower case (example.com).");
        assertInvalid(add(orgId, "localhost"),
                "The DomainName is invalid: 'localhost' is not a domain name: it needs at least two labels, like "
                        + "example.com.");
        for (String bad : new String[] { "-acme.com", "acme-.com", "ac me.com", "a..com", "acme.com.", "acme_corp.com",
                "x" + "y".repeat(63) + ".com" }) {
            assertInvalid(add(orgId, bad), "The DomainName is invalid: '" + bad + "' is not a valid DNS name: each "
                    + "dot-separated label has 1-63 letters, digits or hyphens and neither starts nor ends with a hyphen.");
        }
        assertInvalid(add(orgId, "10.0.0.1"), "The DomainName is invalid: '10.0.0.1' is an IP address, not a domain name.");
        assertInvalid(add(orgId, "a".repeat(250) + ".com"),
                "The DomainName is invalid: a DNS name has at most 253 characters (254 given).");
        assertInvalid(tenant.manage().body(Map.of()).post(domains(orgId)).then(),
                "The DomainName is invalid: a value is required.");
    }

    @Test
    void consumerMailDomainsAreRefused() {
        String orgId = Orgs.create(tenant);
        for (String consumer : new String[] { "gmail.com", "outlook.com", "yahoo.com", "icloud.com" }) {
            assertInvalid(add(orgId, consumer), "The DomainName is invalid: " + consumer + " is a consumer mail domain "
                    + "(anyone can have an address there); use the organization's own domain.");
        }
    }

    @Test
    void aDomainIsAddedOncePerOrganization() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();
        add(orgId, domain).statusCode(201);
        assertInvalid(add(orgId, domain), "The DomainName is invalid: " + domain
                + " is already a domain of this organization.");
    }

    // --- verify

    @Test
    void aPublishedTokenVerifiesTheDomain() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();
        JsonPath added = add(orgId, domain).statusCode(201).extract().jsonPath();
        TestDns.publishAtChallenge(domain, "unrelated=1", "connectionhub-verification=" + added.getString("VerificationToken"));

        verify(orgId, added.getString("Id")).statusCode(200)
                .body("Id", equalTo(added.getString("Id")))
                .body("IsVerified", equalTo(true))
                .body("VerifiedDate", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"));
        // Verifying again answers the verified domain without asking the DNS.
        TestDns.publishAtChallenge(domain, "gone");
        verify(orgId, added.getString("Id")).statusCode(200).body("IsVerified", equalTo(true));
        tenant.manage().get(domains(orgId)).then().body("Data[0].IsVerified", equalTo(true));
    }

    @Test
    void aWrongTokenIs8168AndSaysWhatWasFound() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();
        JsonPath added = add(orgId, domain).statusCode(201).extract().jsonPath();
        TestDns.publishAtChallenge(domain, "connectionhub-verification=stale");

        assertVerificationFailed(verify(orgId, added.getString("Id")), "No TXT record at _connectionhub-challenge." + domain
                + " has the value connectionhub-verification=" + added.getString("VerificationToken")
                + " (found: \"connectionhub-verification=stale\").");
        tenant.manage().get(domains(orgId)).then().body("Data[0].IsVerified", equalTo(false));
    }

    @Test
    void noRecordIs8168AndSaysWhatToPublish() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();
        JsonPath added = add(orgId, domain).statusCode(201).extract().jsonPath();

        assertVerificationFailed(verify(orgId, added.getString("Id")), "No TXT record found at _connectionhub-challenge."
                + domain + ". Publish one with the value connectionhub-verification="
                + added.getString("VerificationToken") + " and verify again.");
    }

    @Test
    void aSilentDnsServerIs8168AfterTheTimeout() {
        String orgId = Orgs.create(tenant);
        String domain = uniqueDomain();
        JsonPath added = add(orgId, domain).statusCode(201).extract().jsonPath();
        TestDns.silenceChallenge(domain);

        assertVerificationFailed(verify(orgId, added.getString("Id")), "The DNS lookup of _connectionhub-challenge." + domain
                + " failed: no answer from the DNS server within 1000 ms. Try again later.");
    }

    @Test
    void aDomainVerifiedByOneOrganizationCannotBeVerifiedOrAddedByAnother() {
        String first = Orgs.create(tenant);
        String second = Orgs.create(tenant);
        String domain = uniqueDomain();
        JsonPath claimedBySecond = add(second, domain).statusCode(201).extract().jsonPath();
        JsonPath claimedByFirst = add(first, domain).statusCode(201).extract().jsonPath();
        TestDns.publishAtChallenge(domain, "connectionhub-verification=" + claimedByFirst.getString("VerificationToken"),
                "connectionhub-verification=" + claimedBySecond.getString("VerificationToken"));
        verify(first, claimedByFirst.getString("Id")).statusCode(200);

        String taken = "The DomainName is invalid: " + domain + " is already verified by another organization of this tenant.";
        assertInvalid(verify(second, claimedBySecond.getString("Id")), taken);
        assertInvalid(add(Orgs.create(tenant), domain), taken);
        // Another tenant's organizations are not concerned.
        String elsewhere = Orgs.create(other);
        JsonPath theirs = other.manage().body(Map.of("DomainName", domain)).post(domains(elsewhere)).then()
                .statusCode(201).extract().jsonPath();
        TestDns.publishAtChallenge(domain, "connectionhub-verification=" + theirs.getString("VerificationToken"));
        other.manage().post(domains(elsewhere) + "/" + theirs.getString("Id")).then().statusCode(200)
                .body("IsVerified", equalTo(true));
    }

    @Test
    void anUnknownDomainIs404() {
        String orgId = Orgs.create(tenant);
        verify(orgId, "org_domain_0000000000000000").statusCode(404).body("ErrorCode", equalTo(404))
                .body("Message", equalTo("Not Found"))
                .body("Description", equalTo("The domain does not exist within the organization."));
        tenant.manage().delete(domains(orgId) + "/org_domain_0000000000000000").then().statusCode(404)
                .body("ErrorCode", equalTo(404));
    }

    // --- delete

    @Test
    void anUnusedDomainIsDeleted() {
        String orgId = Orgs.create(tenant);
        String domainId = add(orgId, uniqueDomain()).statusCode(201).extract().path("Id");

        tenant.manage().delete(domains(orgId) + "/" + domainId).then().statusCode(200).body("IsDeleted", equalTo(true));
        tenant.manage().get(domains(orgId)).then().body("Data", equalTo(List.of()));
    }

    @Test
    void aDomainInUseIsNotDeletedAndTheDescriptionNamesTheConnection() {
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String name = Orgs.unique("uses");
        String connectionId = Orgs.createSaml(tenant, orgId, name, domain).getString("Id");
        String domainId = tenant.manage().get(domains(orgId)).then().extract().path("Data[0].Id");

        assertInvalid(tenant.manage().delete(domains(orgId) + "/" + domainId).then(), "The domain " + domain
                + " is used by the connection " + name + " (" + connectionId + "); delete that connection or move it "
                + "to another domain first.");

        tenant.manage().delete("/v2/manage/organizations/" + orgId + "/connections/" + connectionId).then().statusCode(200);
        tenant.manage().delete(domains(orgId) + "/" + domainId).then().statusCode(200).body("IsDeleted", equalTo(true));
    }

    // --- organization state and tenants

    @Test
    void aDeactivatedOrganizationTakesNoDomainAndVerifiesNone() {
        String orgId = Orgs.create(tenant);
        String domainId = add(orgId, uniqueDomain()).statusCode(201).extract().path("Id");
        tenant.manage().body(Map.of("IsActive", false)).put("/v2/manage/organizations/" + orgId + "/status").then()
                .statusCode(200);

        for (ValidatableResponse refused : List.of(add(orgId, uniqueDomain()), verify(orgId, domainId))) {
            refused.statusCode(409).body("ErrorCode", equalTo(8180)).body("Message", equalTo("Organization is not active"))
                    .body("Description", equalTo("The organization is not active; activate it (PUT .../status "
                            + "{\"IsActive\": true}) before changing its domains or connections."));
        }
    }

    @Test
    void anotherTenantsKeySeesNoDomainOfThisOrganization() {
        String orgId = Orgs.create(tenant);
        String domainId = add(orgId, uniqueDomain()).statusCode(201).extract().path("Id");

        for (ValidatableResponse refused : List.of(other.manage().get(domains(orgId)).then(),
                other.manage().body(Map.of("DomainName", uniqueDomain())).post(domains(orgId)).then(),
                other.manage().post(domains(orgId) + "/" + domainId).then(),
                other.manage().delete(domains(orgId) + "/" + domainId).then())) {
            refused.statusCode(404).body("ErrorCode", equalTo(8118)).body("Message", equalTo("Organization not found"));
        }
        tenant.manage().get(domains(orgId)).then().body("Data.Id", equalTo(List.of(domainId)));
    }
}
