package io.connectionhub.saml;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.ui.Console;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The console's Test sign-in through SAML connections: the AuthnRequest (ForceAuthn) goes to the IdP, the IdP's
 * response to the ACS, and the console shows the mapped profile; an organization's connection not yet activated can
 * be tested too.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class SamlTestSignInTest {

    static final String SSO_URL = "https://idp.example.test/sso";
    static TestIdp idp;

    @BeforeAll
    static void identityProvider() {
        idp = new TestIdp("https://idp.example.test/" + UUID.randomUUID());
    }

    /** Presses Test sign-in and answers as the IdP; the console's result page. */
    static Document test(Console console, String connectionId, String acsUrl, String spEntityId) {
        Response started = console.form().post("/ui/connections/" + connectionId + "/test");
        assertEquals(303, started.statusCode(), started.asString());
        String location = started.header("Location");
        assertTrue(location.startsWith(SSO_URL + "?"), location);
        Map<String, String> upstream = TestIdp.query(location);
        org.w3c.dom.Document request = TestIdp.parse(TestIdp.inflate(upstream.get("SAMLRequest")));
        assertEquals("true", request.getDocumentElement().getAttribute("ForceAuthn"));
        String samlResponse = idp.spec().answering(acsUrl, spEntityId,
                request.getDocumentElement().getAttribute("ID")).build();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", samlResponse);
        form.put("RelayState", upstream.get("RelayState"));
        Response back = given().redirects().follow(false).contentType(ContentType.URLENC).formParams(form)
                .post(URI.create(acsUrl).getPath());
        assertEquals(303, back.statusCode(), back.asString());
        String path = URI.create(back.header("Location")).getPath();
        assertTrue(path.startsWith("/ui/connections/" + connectionId + "/test/"), path);
        return console.page(path);
    }

    @Test
    void aSamlpConnectionIsTestedAtItsIdp() {
        Console console = Console.signedIn();
        String name = "saml-" + UUID.randomUUID().toString().substring(0, 8);
        var created = console.tenant.api().body(Map.of("name", name, "strategy", "samlp", "options", Map.of(
                "signInEndpoint", SSO_URL, "signingCert", idp.certificatePem(), "issuer", idp.entityId)))
                .post("/api/v2/connections").then().statusCode(201).extract().jsonPath();

        Document result = test(console, created.getString("id"), created.getString("options.acs_url"),
                created.getString("options.sp_entity_id"));

        assertEquals("alice@acme.test", result.getElementById("test-email").text());
        assertEquals("Alice Liddell", result.getElementById("test-name").text());
    }

    @Test
    void anOrganizationsSamlConnectionIsTestedBeforeItIsActivated() {
        Console console = Console.signedIn();
        String orgId = Orgs.create(console.tenant);
        String domain = Orgs.verifiedDomain(console.tenant, orgId);
        Map<String, Object> body = new LinkedHashMap<>(Orgs.samlByHand(Orgs.unique("acme"), domain));
        body.put("IDPEntityId", idp.entityId);
        body.put("IDPSSOUrl", SSO_URL);
        body.put("IDPCertificate", Map.of("Certificate", idp.certificatePem()));
        body.put("IsActive", false);
        var created = console.tenant.manage().body(body).post("/v2/manage/organizations/" + orgId + "/connections")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(false, created.getBoolean("IsActive"));

        Document result = test(console, Orgs.auth0Id(created.getString("Id")), created.getString("ACSEndpoint"),
                created.getString("EntityId"));

        assertEquals("alice@acme.test", result.getElementById("test-email").text());
        assertTrue(result.select("#test-claims th").eachText().contains("org_id"));
    }
}
