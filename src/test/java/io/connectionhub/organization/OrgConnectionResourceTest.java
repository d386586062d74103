package io.connectionhub.organization;

import static io.connectionhub.organization.Orgs.IDP_SIGNING_PEM;
import static io.connectionhub.organization.Orgs.SEVEN_NINE_HUNDRED;
import static io.connectionhub.organization.Orgs.samlByHand;
import static io.connectionhub.organization.Orgs.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionhub.saml.TestCertificates;
import io.connectionhub.saml.X509Certificates;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Organization connections: the fields and every error code of the contract, IdP settings by hand and from XML
 * metadata, the refusals of the default outbound rules, the SP identity, update, deletion, tenant isolation.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class OrgConnectionResourceTest {

    static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    static final String OKTA_METADATA = TestCertificates.resource("okta-idp-metadata.xml");

    static TestTenant tenant;
    static TestTenant other;
    static String orgId;
    static String domain;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = TestTenant.create();
            other = TestTenant.create();
            orgId = Orgs.create(tenant);
            domain = Orgs.verifiedDomain(tenant, orgId);
        }
    }

    static String connections(String organization) {
        return "/v2/manage/organizations/" + organization + "/connections";
    }

    static ValidatableResponse create(Object body) {
        return tenant.manage().body(body).post(connections(orgId)).then();
    }

    static Map<String, Object> with(Map<String, Object> body, Object... changes) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                changed.remove((String) changes[i]);
            } else {
                changed.put((String) changes[i], changes[i + 1]);
            }
        }
        return changed;
    }

    static void assertInvalid(ValidatableResponse response, String description) {
        response.statusCode(400).body("ErrorCode", equalTo(7900)).body("Message", equalTo(SEVEN_NINE_HUNDRED))
                .body("Description", equalTo(description));
    }

    static void assertConnectionNotFound(ValidatableResponse response) {
        response.statusCode(404).body("ErrorCode", equalTo(8151)).body("Message", equalTo("Connection ID is invalid"))
                .body("Description", equalTo("The connection does not exist within the organization."));
    }

    static void assertOrganizationNotFound(ValidatableResponse response) {
        response.statusCode(404).body("ErrorCode", equalTo(8118)).body("Message", equalTo("Organization not found"));
    }

    // --- create: SAML

    @Test
    void aSamlConnectionGivenByHandAnswers201WithEveryField() {
        String name = unique("azure");
        Map<String, Object> body = with(samlByHand(name, domain), "IsIDPInitiated", true,
                "Attributes", Map.of("ID", "sub", "Email", "email", "FirstName", "firstName", "LastName", "lastName",
                        "Groups", "groups", "CustomMapping", Map.of("Gender", "gender")),
                "GroupRoles", List.of(Map.of("GroupId", "eca8da89-09ed-476f-a689-11fa9a0b14ce", "Name", "Security",
                        "RoleId", "role_Z6NE1ZkupP7lwD6E"), Map.of("GroupId", "g2", "RoleId", "role_2")));

        JsonPath created = create(body).statusCode(201)
                .header("Location", matchesPattern(".*/connections/conn_[A-Za-z0-9]{16}"))
                .body("Id", matchesPattern("conn_[A-Za-z0-9]{16}"))
                .body("Name", equalTo(name))
                .body("ConnectionType", equalTo("saml_custom"))
                .body("Domain", equalTo(domain))
                .body("IsActive", equalTo(true))
                .body("IsIDPInitiated", equalTo(true))
                .body("CreatedDate", matchesPattern(DATE))
                .body("ModifiedDate", matchesPattern(DATE))
                .body("IDPEntityId", equalTo("https://idp.example.test/" + name))
                .body("IDPSSOUrl", equalTo("https://idp.example.test/sso"))
                .body("IDPCertificate.Certificate", equalTo(IDP_SIGNING_PEM))
                .body("IDPCertificate.NotBefore", equalTo("2026-11-23T20:59:22Z"))
                .body("IDPCertificate.NotAfter", equalTo("2126-10-30T20:59:22Z"))
                .body("IDPCertificate.Expired", equalTo(false))
                .body("Attributes.ID", equalTo("sub"))
                .body("Attributes.Groups", equalTo("groups"))
                .body("Attributes.CustomMapping.Gender", equalTo("gender"))
                .body("GroupRoles[0].GroupId", equalTo("eca8da89-09ed-476f-a689-11fa9a0b14ce"))
                .body("GroupRoles[0].Name", equalTo("Security"))
                .body("GroupRoles[0].RoleId", equalTo("role_Z6NE1ZkupP7lwD6E"))
                .body("GroupRoles[0].Id", matchesPattern("group_role_[A-Za-z0-9]{16}"))
                .body("GroupRoles[1].RoleId", equalTo("role_2"))
                .body("EntityId", matchesPattern("http://localhost:8080/saml/sp/[A-Za-z0-9]{34}"))
                .body("SPCertificate.Certificate", startsWith("-----BEGIN CERTIFICATE-----\n"))
                .body("$", not(hasKey("OIDCIssuer")))
                .body("$", not(hasKey("ClientSecret")))
                .body("$", not(hasKey("IDPMetadataXml")))
                .extract().jsonPath();
        String entityId = created.getString("EntityId");
        String token = entityId.substring(entityId.lastIndexOf('/') + 1);
        assertEquals(entityId + "/metadata.xml", created.getString("MetadataUrl"));
        assertEquals("http://localhost:8080/saml/sp/acs/" + token, created.getString("ACSEndpoint"));
        assertNotEquals(created.getString("GroupRoles[0].Id"), created.getString("GroupRoles[1].Id"));
        // The SP certificate is one made for this connection, valid now.
        var sp = X509Certificates.parse(created.getString("SPCertificate.Certificate"));
        assertEquals(false, sp.expiredAt(Instant.now()));

        tenant.manage().get(connections(orgId) + "/" + created.getString("Id")).then().statusCode(200)
                .body("Name", equalTo(name))
                .body("EntityId", equalTo(entityId))
                .body("SPCertificate.Certificate", equalTo(created.getString("SPCertificate.Certificate")))
                .body("GroupRoles.Id", equalTo(created.getList("GroupRoles.Id")))
                .body("IDPCertificate.NotAfter", equalTo("2126-10-30T20:59:22Z"));
    }

    @Test
    void everySamlConnectionHasItsOwnSpIdentity() {
        JsonPath first = Orgs.createSaml(tenant, orgId, unique("one"), domain);
        JsonPath second = Orgs.createSaml(tenant, orgId, unique("two"), domain);
        assertNotEquals(first.getString("EntityId"), second.getString("EntityId"));
        assertNotEquals(first.getString("SPCertificate.Certificate"), second.getString("SPCertificate.Certificate"));
    }

    @Test
    void everySamlTypeIsASamlConnection() {
        for (String type : new String[] { "saml_okta", "saml_azure", "saml_google", "saml_ping" }) {
            create(with(samlByHand(unique("t"), domain), "ConnectionType", type)).statusCode(201)
                    .body("ConnectionType", equalTo(type)).body("EntityId", startsWith("http://localhost:8080/saml/sp/"));
        }
    }

    @Test
    void idpSettingsComeFromMetadataXml() {
        create(Map.of("Name", unique("okta"), "ConnectionType", "saml_okta", "Domain", domain,
                "IDPMetadataXml", OKTA_METADATA))
                .statusCode(201)
                .body("IDPEntityId", equalTo("http://www.okta.com/exk1fcia6d6EMsf331d8"))
                .body("IDPSSOUrl", equalTo("https://dev-123456.okta.com/app/dev-123456_hub_1/exk1fcia6d6EMsf331d8/sso/"
                        + "saml?binding=redirect&x=1"))
                .body("IDPCertificate.Certificate", equalTo(IDP_SIGNING_PEM))
                .body("IDPCertificate.NotAfter", equalTo("2126-10-30T20:59:22Z"))
                .body("$", not(hasKey("IDPMetadataXml")));
    }

    @Test
    void settingsGivenByHandWinOverMetadata() {
        create(Map.of("Name", unique("mixed"), "ConnectionType", "saml_okta", "Domain", domain,
                "IDPMetadataXml", OKTA_METADATA, "IDPSSOUrl", "https://sso.example.test/override"))
                .statusCode(201)
                .body("IDPEntityId", equalTo("http://www.okta.com/exk1fcia6d6EMsf331d8"))
                .body("IDPSSOUrl", equalTo("https://sso.example.test/override"));
    }

    @Test
    void anExpiredIdpCertificateIsAcceptedAndFlagged() {
        String expired = X509Certificates.of(TestCertificates.selfSigned("old-idp",
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2001-01-01T00:00:00Z"))).pem();

        create(with(samlByHand(unique("old"), domain), "IDPCertificate", Map.of("Certificate", expired)))
                .statusCode(201)
                .body("IDPCertificate.NotBefore", equalTo("2000-01-01T00:00:00Z"))
                .body("IDPCertificate.NotAfter", equalTo("2001-01-01T00:00:00Z"))
                .body("IDPCertificate.Expired", equalTo(true));
    }

    @Test
    void aCertificateAsBase64DerIsStoredAsPem() {
        String der = IDP_SIGNING_PEM.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
        create(with(samlByHand(unique("der"), domain), "IDPCertificate", Map.of("Certificate", der)))
                .statusCode(201).body("IDPCertificate.Certificate", equalTo(IDP_SIGNING_PEM));
    }

    @Test
    void brokenIdpSettingsAre7900NamingTheProblem() {
        assertInvalid(create(with(samlByHand(unique("pem"), domain), "IDPCertificate",
                Map.of("Certificate", "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----"))),
                "The IDPCertificate is invalid: not a PEM or base64 DER X.509 certificate: the content is not valid "
                        + "base64.");
        assertInvalid(create(with(samlByHand(unique("pem"), domain), "IDPCertificate", Map.of())),
                "The IDPCertificate is invalid: no certificate given.");
        assertInvalid(create(with(samlByHand(unique("sso"), domain), "IDPSSOUrl", "idp.example.test/sso")),
                "The IDPSSOUrl is invalid: 'idp.example.test/sso' is not an absolute http or https URL.");
        assertInvalid(create(with(samlByHand(unique("none"), domain), "IDPEntityId", null)),
                "The IDPEntityId is invalid: a value is required, unless IDPMetadataUrl or IDPMetadataXml provides it.");
        assertInvalid(create(with(samlByHand(unique("none"), domain), "IDPCertificate", null)),
                "The IDPCertificate is invalid: a value is required, unless IDPMetadataUrl or IDPMetadataXml provides it.");
        assertInvalid(create(with(samlByHand(unique("both"), domain), "IDPMetadataXml", OKTA_METADATA,
                "IDPMetadataUrl", "https://idp.example.test/metadata.xml")),
                "The IDPMetadataUrl is invalid: give IDPMetadataUrl or IDPMetadataXml, not both.");
    }

    @Test
    void brokenMetadataIs7900NamingTheProblem() {
        String sp = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sp.example\">"
                + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://sp.example/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
        assertInvalid(create(metadataXml(sp)), "The IDPMetadataXml is invalid: this is service provider metadata "
                + "(SPSSODescriptor, no IDPSSODescriptor); give the identity provider's metadata.");

        String noSso = OKTA_METADATA.replaceAll("<md:SingleSignOnService[^>]*/>", "");
        assertInvalid(create(metadataXml(noSso)),
                "The IDPMetadataXml is invalid: no SingleSignOnService in the IDPSSODescriptor.");

        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&xxe;\"/>";
        assertInvalid(create(metadataXml(xxe)),
                "The IDPMetadataXml is invalid: the metadata contains a DTD (DOCTYPE declaration), which is refused.");

        assertInvalid(create(metadataXml("<md:EntityDescriptor")), "The IDPMetadataXml is invalid: not well-formed XML "
                + "(line 1, column 21): XML document structures must start and end within the same entity.");
    }

    private static Map<String, Object> metadataXml(String xml) {
        return Map.of("Name", unique("meta"), "ConnectionType", "saml_custom", "Domain", domain, "IDPMetadataXml", xml);
    }

    @Test
    void metadataUrlsOutsideTheOutboundRulesAreRefused() {
        assertInvalid(create(metadataUrl("https://127.0.0.1/metadata.xml")), "The IDPMetadataUrl is invalid: "
                + "https://127.0.0.1/metadata.xml refused: 127.0.0.1 is a loopback address; only public addresses are "
                + "fetched.");
        assertInvalid(create(metadataUrl("https://10.1.2.3/metadata.xml")), "The IDPMetadataUrl is invalid: "
                + "https://10.1.2.3/metadata.xml refused: 10.1.2.3 is a private address; only public addresses are "
                + "fetched.");
        assertInvalid(create(metadataUrl("https://169.254.169.254/latest/meta-data")), "The IDPMetadataUrl is invalid: "
                + "https://169.254.169.254/latest/meta-data refused: 169.254.169.254 is a link-local address; only "
                + "public addresses are fetched.");
        assertInvalid(create(metadataUrl("http://idp.example.test/metadata.xml")), "The IDPMetadataUrl is invalid: "
                + "http://idp.example.test/metadata.xml refused: only https URLs are fetched.");
        assertInvalid(create(metadataUrl("file:///etc/passwd")),
                "The IDPMetadataUrl is invalid: 'file:///etc/passwd' is not an absolute http or https URL.");
    }

    private static Map<String, Object> metadataUrl(String url) {
        return Map.of("Name", unique("url"), "ConnectionType", "saml_custom", "Domain", domain, "IDPMetadataUrl", url);
    }

    // --- create: OIDC fields (discovery against a live issuer is in OrgConnectionRemoteIdpTest)

    @Test
    void oidcFieldRulesAre7900() {
        Map<String, Object> oidc = Map.of("Name", unique("oidc"), "ConnectionType", "oidc_custom", "Domain", domain,
                "OIDCIssuer", "https://127.0.0.1/issuer", "ClientId", "client", "ClientSecret", "s3cret");
        assertInvalid(create(oidc), "The OIDCIssuer is invalid: the discovery document could not be fetched: "
                + "https://127.0.0.1/issuer/.well-known/openid-configuration refused: 127.0.0.1 is a loopback address; "
                + "only public addresses are fetched.");
        assertInvalid(create(with(oidc, "OIDCIssuer", null)), "The OIDCIssuer is invalid: a value is required.");
        assertInvalid(create(with(oidc, "ClientId", null)), "The ClientId is invalid: a value is required.");
        assertInvalid(create(with(oidc, "ClientSecret", null)), "The ClientSecret is invalid: a value is required.");
        assertInvalid(create(with(oidc, "Scopes", List.of("profile"))),
                "The Scopes is invalid: OpenID Connect needs the openid scope.");
        assertInvalid(create(with(oidc, "Scopes", List.of("openid", "two words"))),
                "The Scopes[1] is invalid: a scope is a non-empty word without spaces.");
        assertInvalid(create(with(oidc, "IDPSSOUrl", "https://idp.example.test/sso")),
                "The IDPSSOUrl is invalid: it does not apply to OIDC connection types.");
        assertInvalid(create(with(oidc, "IsIDPInitiated", true)),
                "The IsIDPInitiated is invalid: IdP-initiated sign-in exists for SAML connection types only.");
        assertInvalid(create(with(samlByHand(unique("saml"), domain), "ClientSecret", "s3cret")),
                "The ClientSecret is invalid: it does not apply to SAML connection types.");
    }

    // --- create: the contract's error codes

    @Test
    void anUnknownConnectionTypeIs7900WithTheSeedText() {
        for (Object type : new Object[] { "saml", "oauth2", "SAML_CUSTOM", "" }) {
            assertInvalid(create(with(samlByHand(unique("type"), domain), "ConnectionType", type)),
                    "The ConnectionType is invalid. Please enter a valid ConnectionType.");
        }
        assertInvalid(create(with(samlByHand(unique("type"), domain), "ConnectionType", null)),
                "The ConnectionType is invalid. Please enter a valid ConnectionType.");
    }

    @Test
    void theNameFollowsTheConnectionNameRule() {
        assertInvalid(create(with(samlByHand("x", domain), "Name", null)), "The Name is invalid: a value is required.");
        assertInvalid(create(samlByHand("a--b", domain)), "The Name is invalid: String does not match pattern "
                + "^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: a--b.");
        assertInvalid(create(samlByHand("n".repeat(129), domain)),
                "The Name is invalid: String is too long (129 chars), maximum 128.");
        create(samlByHand("n" + unique("x").replace("-", "") + "m".repeat(110), domain)).statusCode(201);
    }

    @Test
    void aDomainOfAnotherOrganizationIs8150WithTheSeedText() {
        String elsewhere = Orgs.create(tenant);
        String theirs = Orgs.verifiedDomain(tenant, elsewhere);
        for (String notOurs : new String[] { theirs, Orgs.uniqueDomain() }) {
            create(samlByHand(unique("dom"), notOurs)).statusCode(400)
                    .body("ErrorCode", equalTo(8150))
                    .body("Message", equalTo("Domain does not exist within the organization"))
                    .body("Description", equalTo("The provided domain is not associated with the organization. Please "
                            + "use a different organization domain."));
        }
        assertInvalid(create(with(samlByHand(unique("dom"), domain), "Domain", null)),
                "The Domain is invalid: a value is required.");
    }

    @Test
    void anUnverifiedDomainIs8177WithTheSeedText() {
        String pending = Orgs.uniqueDomain();
        Orgs.addDomain(tenant, orgId, pending);

        create(samlByHand(unique("pending"), pending)).statusCode(409)
                .body("ErrorCode", equalTo(8177))
                .body("Message", equalTo("Organization domain is not verified"))
                .body("Description", equalTo("Organization domain is not verified, Please verify the domain."));
    }

    @Test
    void aNameTakenInTheTenantIs8148WithTheSeedText() {
        String name = unique("taken");
        Orgs.createSaml(tenant, orgId, name, domain);
        String elsewhere = Orgs.create(tenant);
        String theirDomain = Orgs.verifiedDomain(tenant, elsewhere);

        for (ValidatableResponse refused : List.of(create(samlByHand(name, domain)),
                create(samlByHand(name.toUpperCase(), domain)),
                tenant.manage().body(samlByHand(name, theirDomain)).post(connections(elsewhere)).then())) {
            refused.statusCode(409)
                    .body("ErrorCode", equalTo(8148))
                    .body("Message", equalTo("Connection exists with the same name"))
                    .body("Description", equalTo("Connection exists with the same name. Use a different Connection name."));
        }
        // Names are per tenant.
        String theirs = Orgs.create(other);
        other.manage().body(samlByHand(name, Orgs.verifiedDomain(other, theirs))).post(connections(theirs)).then()
                .statusCode(201);
    }

    @Test
    void anUnknownOrganizationIs8118() {
        assertOrganizationNotFound(tenant.manage().body(samlByHand(unique("x"), domain))
                .post(connections("org_0000000000000000")).then());
        assertOrganizationNotFound(tenant.manage().get(connections("org_0000000000000000")).then());
    }

    @Test
    void aDeactivatedOrganizationIs8180ForCreateAndUpdate() {
        String organization = Orgs.create(tenant);
        String itsDomain = Orgs.verifiedDomain(tenant, organization);
        String name = unique("frozen");
        String id = Orgs.createSaml(tenant, organization, name, itsDomain).getString("Id");
        tenant.manage().body(Map.of("IsActive", false)).put("/v2/manage/organizations/" + organization + "/status")
                .then().statusCode(200);

        for (ValidatableResponse refused : List.of(
                tenant.manage().body(samlByHand(unique("new"), itsDomain)).post(connections(organization)).then(),
                tenant.manage().body(samlByHand(name, itsDomain)).put(connections(organization) + "/" + id).then())) {
            refused.statusCode(409).body("ErrorCode", equalTo(8180)).body("Message", equalTo("Organization is not active"));
        }
        // Reads and deletes still work.
        tenant.manage().get(connections(organization) + "/" + id).then().statusCode(200);
        tenant.manage().delete(connections(organization) + "/" + id).then().statusCode(200);
    }

    @Test
    void bodiesThatAreNotObjectsOrHaveUnknownFieldsAre7900() {
        assertInvalid(create(with(samlByHand(unique("x"), domain), "Secret", "x")),
                "Additional properties not allowed: Secret.");
        assertInvalid(create(with(samlByHand(unique("x"), domain), "GroupRoles", List.of(Map.of("GroupId", "g")))),
                "The GroupRoles[0].RoleId is invalid: a value is required.");
        assertInvalid(create(with(samlByHand(unique("x"), domain), "GroupRoles",
                List.of(Map.of("GroupId", "g", "RoleId", "r", "Id", "group_role_0000000000000000")))),
                "The GroupRoles[0].Id is invalid: group_role_0000000000000000 is not a group role of this connection "
                        + "(leave Id out for a new mapping).");
        assertInvalid(create(with(samlByHand(unique("x"), domain), "IsActive", "yes")),
                "The IsActive is invalid: Expected type boolean but found type string.");
    }

    // --- list, get

    @Test
    void listIsDataOldestFirst() {
        String organization = Orgs.create(tenant);
        String itsDomain = Orgs.verifiedDomain(tenant, organization);
        String first = Orgs.createSaml(tenant, organization, unique("first"), itsDomain).getString("Id");
        String second = Orgs.createSaml(tenant, organization, unique("second"), itsDomain).getString("Id");

        tenant.manage().get(connections(organization)).then().statusCode(200)
                .body("Data.Id", equalTo(List.of(first, second)))
                .body("Data[0].EntityId", startsWith("http://localhost:8080/saml/sp/"));
    }

    @Test
    void unknownConnectionIdsAre8151() {
        String mine = Orgs.createSaml(tenant, orgId, unique("mine"), domain).getString("Id");
        String elsewhere = Orgs.create(tenant);
        for (String id : new String[] { "conn_0000000000000000", "nonsense", Orgs.auth0Id(mine) }) {
            assertConnectionNotFound(tenant.manage().get(connections(orgId) + "/" + id).then());
        }
        // Under another organization of the tenant, the connection is unknown too.
        assertConnectionNotFound(tenant.manage().get(connections(elsewhere) + "/" + mine).then());
        assertConnectionNotFound(tenant.manage().delete(connections(elsewhere) + "/" + mine).then());
        assertConnectionNotFound(tenant.manage().body(samlByHand(unique("x"), domain))
                .put(connections(orgId) + "/conn_0000000000000000").then());
    }

    // --- update

    @Test
    void putReplacesTheSettingsAndKeepsTheSpIdentity() {
        String name = unique("before");
        JsonPath created = create(with(samlByHand(name, domain), "GroupRoles",
                List.of(Map.of("GroupId", "a", "RoleId", "ra"), Map.of("GroupId", "b", "RoleId", "rb")))).statusCode(201)
                .extract().jsonPath();
        String id = created.getString("Id");
        String otherDomain = Orgs.verifiedDomain(tenant, orgId);
        String renamed = unique("after");
        String keptRoleId = created.getString("GroupRoles[1].Id");

        tenant.manage().body(Map.of("Name", renamed, "ConnectionType", "saml_azure", "Domain", otherDomain,
                "IsActive", false, "IDPMetadataXml", OKTA_METADATA,
                "GroupRoles", List.of(Map.of("Id", keptRoleId, "GroupId", "b2", "RoleId", "rb2"),
                        Map.of("GroupId", "c", "RoleId", "rc"))))
                .put(connections(orgId) + "/" + id).then().statusCode(200)
                .body("Id", equalTo(id))
                .body("Name", equalTo(renamed))
                .body("ConnectionType", equalTo("saml_azure"))
                .body("Domain", equalTo(otherDomain))
                .body("IsActive", equalTo(false))
                .body("IDPEntityId", equalTo("http://www.okta.com/exk1fcia6d6EMsf331d8"))
                .body("GroupRoles.GroupId", equalTo(List.of("b2", "c")))
                .body("GroupRoles[0].Id", equalTo(keptRoleId))
                .body("EntityId", equalTo(created.getString("EntityId")))
                .body("SPCertificate.Certificate", equalTo(created.getString("SPCertificate.Certificate")))
                .body("CreatedDate", equalTo(created.getString("CreatedDate")));

        tenant.manage().get(connections(orgId) + "/" + id).then().body("Name", equalTo(renamed))
                .body("GroupRoles.Id[0]", equalTo(keptRoleId));
        // The tenant connection follows: renamed, realm = the domain, login off.
        tenant.api().get("/api/v2/connections/" + Orgs.auth0Id(id)).then().statusCode(200)
                .body("name", equalTo(renamed))
                .body("realms", equalTo(List.of(otherDomain)))
                .body("authentication.active", equalTo(false));
        // The old name is free.
        Orgs.createSaml(tenant, orgId, name, domain);
    }

    @Test
    void putRefusesANameTakenAndAChangeBetweenSamlAndOidc() {
        String taken = unique("taken");
        Orgs.createSaml(tenant, orgId, taken, domain);
        String name = unique("mine");
        String id = Orgs.createSaml(tenant, orgId, name, domain).getString("Id");

        tenant.manage().body(samlByHand(taken.toUpperCase(), domain)).put(connections(orgId) + "/" + id).then()
                .statusCode(409).body("ErrorCode", equalTo(8148))
                .body("Description", equalTo("Connection exists with the same name. Use a different Connection name."));
        assertInvalid(tenant.manage().body(Map.of("Name", name, "ConnectionType", "oidc_custom", "Domain", domain,
                "OIDCIssuer", "https://issuer.example.test", "ClientId", "c")).put(connections(orgId) + "/" + id).then(),
                "The ConnectionType is invalid: a saml_custom connection cannot become oidc_custom (SAML and OIDC do "
                        + "not mix); create a new connection.");
        tenant.manage().get(connections(orgId) + "/" + id).then().body("Name", equalTo(name));
    }

    // --- delete

    @Test
    void deleteAnswersIsDeletedAndASecondDeleteIs8166() {
        String name = unique("bye");
        String id = Orgs.createSaml(tenant, orgId, name, domain).getString("Id");

        tenant.manage().delete(connections(orgId) + "/" + id).then().statusCode(200).body("IsDeleted", equalTo(true));

        assertConnectionNotFound(tenant.manage().get(connections(orgId) + "/" + id).then());
        tenant.manage().get(connections(orgId)).then().body("Data.Id", not(org.hamcrest.Matchers.hasItem(id)));
        tenant.manage().delete(connections(orgId) + "/" + id).then().statusCode(409)
                .body("ErrorCode", equalTo(8166))
                .body("Message", equalTo("Status already updated"))
                .body("Description", equalTo("The connection is already deleted or being deleted."));
        assertConnectionNotFound(tenant.manage().delete(connections(orgId) + "/conn_0000000000000000").then());
    }

    // --- tenants

    @Test
    void anotherTenantsKeySeesNoneOfTheseIds() {
        String id = Orgs.createSaml(tenant, orgId, unique("private"), domain).getString("Id");
        String theirs = Orgs.create(other);
        String theirDomain = Orgs.verifiedDomain(other, theirs);

        assertOrganizationNotFound(other.manage().get(connections(orgId)).then());
        assertOrganizationNotFound(other.manage().get(connections(orgId) + "/" + id).then());
        assertOrganizationNotFound(other.manage().body(samlByHand(unique("x"), theirDomain)).put(connections(orgId) + "/" + id)
                .then());
        assertOrganizationNotFound(other.manage().delete(connections(orgId) + "/" + id).then());
        // Through their own organization, our connection id is unknown.
        assertConnectionNotFound(other.manage().get(connections(theirs) + "/" + id).then());
        assertConnectionNotFound(other.manage().body(samlByHand(unique("x"), theirDomain))
                .put(connections(theirs) + "/" + id).then());
        assertConnectionNotFound(other.manage().delete(connections(theirs) + "/" + id).then());
        other.api().get("/api/v2/connections/" + Orgs.auth0Id(id)).then().statusCode(404);
        tenant.manage().get(connections(orgId) + "/" + id).then().statusCode(200);
    }
}
