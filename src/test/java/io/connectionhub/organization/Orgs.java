package io.connectionhub.organization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.connectionhub.saml.TestCertificates;
import io.connectionhub.support.TestTenant;
import io.restassured.path.json.JsonPath;

/** Organizations, verified domains and connection bodies for the LoginRadius-family tests. */
public final class Orgs {

    public static final String SEVEN_NINE_HUNDRED = "A parameter is not formatted correctly.";
    public static final String IDP_SIGNING_PEM = TestCertificates.resource("idp-signing.pem");

    private Orgs() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A domain name no other test uses. */
    public static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ".example.com";
    }

    /** A new organization of the tenant; its id. */
    public static String create(TestTenant tenant) {
        return tenant.manage().body(Map.of("Name", unique("org"))).post("/v2/manage/organizations")
                .then().statusCode(201).extract().path("Id");
    }

    /** Adds {@code domain} to the organization; the 201 body. */
    public static JsonPath addDomain(TestTenant tenant, String orgId, String domain) {
        return tenant.manage().body(Map.of("DomainName", domain))
                .post("/v2/manage/organizations/" + orgId + "/domains")
                .then().statusCode(201).extract().jsonPath();
    }

    /** A new domain of the organization, proved through the loopback DNS; its name. */
    public static String verifiedDomain(TestTenant tenant, String orgId) {
        String domain = uniqueDomain();
        JsonPath added = addDomain(tenant, orgId, domain);
        TestDns.publishChallenge(domain, added.getString("VerificationToken"));
        tenant.manage().post("/v2/manage/organizations/" + orgId + "/domains/" + added.getString("Id"))
                .then().statusCode(200);
        return domain;
    }

    /** A SAML connection body with the IdP settings given by hand. */
    public static Map<String, Object> samlByHand(String name, String domain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("ConnectionType", "saml_custom");
        body.put("Domain", domain);
        body.put("IDPEntityId", "https://idp.example.test/" + name);
        body.put("IDPSSOUrl", "https://idp.example.test/sso");
        body.put("IDPCertificate", Map.of("Certificate", IDP_SIGNING_PEM));
        return body;
    }

    /** Creates a SAML connection given by hand; the 201 body. */
    public static JsonPath createSaml(TestTenant tenant, String orgId, String name, String domain) {
        return tenant.manage().body(samlByHand(name, domain))
                .post("/v2/manage/organizations/" + orgId + "/connections")
                .then().statusCode(201).extract().jsonPath();
    }

    /** {@code conn_X} → {@code con_X}: the id /api/v2 shows for the same connection. */
    public static String auth0Id(String loginRadiusId) {
        return "con_" + loginRadiusId.substring("conn_".length());
    }
}
