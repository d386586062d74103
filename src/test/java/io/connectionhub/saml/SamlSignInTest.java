package io.connectionhub.saml;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestDatabase;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Sign-in through SAML connections, black-box over HTTP: /authorize sends a signed AuthnRequest to the IdP, the IdP
 * (an independent signer in test code, {@link TestIdp}) posts its response to the ACS, and the application gets a
 * code, or {@code access_denied} naming the failed check, or an error page when no sign-in can be tied to the
 * response; every failure is in /api/v2/logs and writes no user.
 */
@QuarkusTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class SamlSignInTest {

    static final String PUBLIC_URL = "http://localhost:8080";
    static final String SSO_URL = "https://idp.example.test/sso";
    static final ObjectMapper JSON = new ObjectMapper();

    static TestTenant tenant;
    static TestIdp idp;

    record App(String clientId, String clientSecret, String callback) {
    }

    /** A SAML connection: its name, its SP side and the certificate its SP metadata publishes. */
    record Saml(String name, String entityId, String acsUrl, String metadataUrl) {
    }

    /** An /authorize that reached the IdP: the application's parameters and the AuthnRequest's. */
    record Started(Map<String, String> app, Map<String, String> upstream, String rawQuery, Document authnRequest) {

        String requestId() {
            return authnRequest.getDocumentElement().getAttribute("ID");
        }

        String relayState() {
            return upstream.get("RelayState");
        }
    }

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = TestTenant.create();
            idp = new TestIdp("https://idp.example.test/" + UUID.randomUUID());
        }
    }

    // --- fixtures

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static App app() {
        String name = unique("app");
        String callback = "https://" + name + ".example.test/callback";
        Response created = tenant.api().body(Map.of("name", name, "app_type", "regular_web", "callbacks",
                List.of(callback))).post("/api/v2/clients");
        created.then().statusCode(201);
        return new App(created.path("client_id"), created.path("client_secret"), callback);
    }

    /** An application with a second callback URL; {@code callback} is the first. */
    static App appWithTwoCallbacks(String second) {
        String name = unique("app");
        String callback = "https://" + name + ".example.test/callback";
        Response created = tenant.api().body(Map.of("name", name, "app_type", "regular_web", "callbacks",
                List.of(callback, second))).post("/api/v2/clients");
        created.then().statusCode(201);
        return new App(created.path("client_id"), created.path("client_secret"), callback);
    }

    static Saml samlp(App app, Map<String, Object> moreOptions) {
        String name = unique("saml");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("signInEndpoint", SSO_URL);
        options.put("signingCert", idp.certificatePem());
        options.put("issuer", idp.entityId);
        options.putAll(moreOptions);
        JsonPath created = tenant.api().body(Map.of("name", name, "strategy", "samlp", "enabled_clients",
                List.of(app.clientId()), "options", options)).post("/api/v2/connections")
                .then().statusCode(201).extract().jsonPath();
        return new Saml(name, created.getString("options.sp_entity_id"), created.getString("options.acs_url"),
                created.getString("options.sp_metadata_url"));
    }

    static Saml samlp(App app) {
        return samlp(app, Map.of());
    }

    static Map<String, String> authorizeParameters(App app) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", app.clientId());
        parameters.put("redirect_uri", app.callback());
        parameters.put("scope", "openid profile email");
        parameters.put("state", unique("state"));
        parameters.put("nonce", unique("nonce"));
        return parameters;
    }

    static Started start(App app, Map<String, String> parameters) {
        Response toIdp = given().redirects().follow(false).queryParams(parameters).get("/authorize");
        assertEquals(302, toIdp.statusCode(), toIdp.asString());
        String location = toIdp.header("Location");
        assertThat(location, startsWith(SSO_URL + "?"));
        String rawQuery = URI.create(location).getRawQuery();
        Map<String, String> upstream = TestIdp.query(location);
        return new Started(parameters, upstream, rawQuery, TestIdp.parse(TestIdp.inflate(upstream.get("SAMLRequest"))));
    }

    static Started start(App app, String connection) {
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", connection);
        return start(app, parameters);
    }

    static Response post(Saml saml, String samlResponse, String relayState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", samlResponse);
        if (relayState != null) {
            form.put("RelayState", relayState);
        }
        return given().redirects().follow(false).contentType(ContentType.URLENC).formParams(form)
                .post(local(saml.acsUrl()));
    }

    static TestIdp.Spec answer(Saml saml, Started started) {
        return idp.spec().answering(saml.acsUrl(), saml.entityId(), started.requestId());
    }

    /** A 303 to the application with access_denied naming the check; its parameters. */
    static Map<String, String> denied(Response response, App app, String description) {
        assertEquals(303, response.statusCode(), response.asString());
        assertThat(response.header("Location"), startsWith(app.callback() + "?"));
        Map<String, String> answer = TestIdp.query(response.header("Location"));
        assertEquals("access_denied", answer.get("error"), answer.toString());
        assertThat(answer.get("error_description"), containsString(description));
        assertNull(answer.get("code"));
        return answer;
    }

    /** An HTML error page with this status. */
    static void errorPage(Response response, int status) {
        assertEquals(status, response.statusCode(), response.asString());
        assertThat(response.contentType(), startsWith("text/html"));
    }

    static void loggedFailure(Saml saml, String description) {
        given().auth().oauth2(tenant.token()).queryParam("q", "type:f AND connection:" + saml.name())
                .get("/api/v2/logs").then().statusCode(200)
                .body("description", hasItem(containsString(description)));
    }

    static List<Object> usersOf(Saml saml) {
        return given().auth().oauth2(tenant.token()).queryParam("connection", saml.name()).get("/api/v2/users")
                .then().statusCode(200).extract().jsonPath().getList("users");
    }

    /** The whole refusal: access_denied to the app naming the check, the f event, and no user. */
    static void refused(Consumer<TestIdp.Spec> change, String description) {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        change.accept(spec);
        Map<String, String> answer = denied(post(saml, spec.build(), started.relayState()), app, description);
        assertEquals(started.app().get("state"), answer.get("state"));
        assertEquals(PUBLIC_URL + "/", answer.get("iss"));
        loggedFailure(saml, description);
        assertEquals(List.of(), usersOf(saml));
    }

    static void refusedDocument(Saml saml, App app, Started started, String samlResponse, String description) {
        denied(post(saml, samlResponse, started.relayState()), app, description);
        loggedFailure(saml, description);
        assertEquals(List.of(), usersOf(saml));
    }

    static JsonNode idTokenClaims(App app, String code) throws Exception {
        Response tokens = given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", app.callback(), "client_id", app.clientId(), "client_secret",
                app.clientSecret())).post("/oauth/token");
        assertEquals(200, tokens.statusCode(), tokens.asString());
        return JSON.readTree(Base64.getUrlDecoder().decode(tokens.jsonPath().getString("id_token").split("\\.")[1]));
    }

    /** The SP certificate the metadata publishes for {@code use}, read independently of the service's code. */
    static X509Certificate spCertificate(Saml saml, String use) throws Exception {
        String metadata = given().get(local(saml.metadataUrl())).then().statusCode(200).extract().asString();
        Document document = TestIdp.parse(metadata);
        NodeList keys = document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:metadata", "KeyDescriptor");
        for (int i = 0; i < keys.getLength(); i++) {
            Element key = (Element) keys.item(i);
            if (use.equals(key.getAttribute("use"))) {
                String base64 = key.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate")
                        .item(0).getTextContent().replaceAll("\\s", "");
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            }
        }
        throw new AssertionError("no " + use + " key in " + metadata);
    }

    static String local(String url) {
        return url.startsWith(PUBLIC_URL) ? url.substring(PUBLIC_URL.length()) : url;
    }

    // --- the AuthnRequest

    @Test
    void authnRequestIsSignedWithTheSpKeyAndCarriesAnOpaqueRelayState() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());

        // The query-string signature (SAML Bindings 3.4.4.1) verifies with the certificate of the SP metadata.
        String raw = started.rawQuery();
        String signed = raw.substring(0, raw.indexOf("&Signature="));
        assertThat(signed, startsWith("SAMLRequest="));
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", started.upstream().get("SigAlg"));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(spCertificate(saml, "signing").getPublicKey());
        verifier.update(signed.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(started.upstream().get("Signature"))));
        // Changing the signed text breaks it: the signature covers RelayState too.
        verifier.initVerify(spCertificate(saml, "signing").getPublicKey());
        verifier.update(signed.replace("RelayState=", "RelayState=x").getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(Base64.getDecoder().decode(started.upstream().get("Signature"))));

        Element request = started.authnRequest().getDocumentElement();
        assertEquals("AuthnRequest", request.getLocalName());
        assertEquals(SSO_URL, request.getAttribute("Destination"));
        assertEquals(saml.acsUrl(), request.getAttribute("AssertionConsumerServiceURL"));
        assertEquals(saml.entityId(), request.getElementsByTagNameNS(TestIdp.SAML, "Issuer").item(0).getTextContent());
        assertFalse(request.hasAttribute("ForceAuthn"));
        // RelayState is an opaque id, not the application's state or URL.
        assertThat(started.relayState(), org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9_-]{43}"));
        assertFalse(started.relayState().contains(started.app().get("state")));

        Map<String, String> forced = authorizeParameters(app);
        forced.put("connection", saml.name());
        forced.put("prompt", "login");
        assertEquals("true", start(app, forced).authnRequest().getDocumentElement().getAttribute("ForceAuthn"));
    }

    @Test
    void samlpConnectionShowsItsSpIdentityAndServesItsMetadata() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        assertThat(saml.entityId(), startsWith(PUBLIC_URL + "/saml/sp/"));
        assertThat(saml.acsUrl(), startsWith(PUBLIC_URL + "/saml/sp/acs/"));
        assertEquals(saml.entityId() + "/metadata.xml", saml.metadataUrl());
        assertEquals(spCertificate(saml, "signing"), spCertificate(saml, "encryption"));
        // Sent back on an update, the SP values are the service's own: dropped, and shown again.
        String id = tenant.api().queryParam("name", saml.name()).get("/api/v2/connections").then().statusCode(200)
                .extract().path("[0].id");
        tenant.api().body(Map.of("options", Map.of("signInEndpoint", SSO_URL, "signingCert", idp.certificatePem(),
                "issuer", idp.entityId, "acs_url", "https://evil.example.test/acs")))
                .patch("/api/v2/connections/" + id).then().statusCode(200)
                .body("options.acs_url", org.hamcrest.Matchers.equalTo(saml.acsUrl()));
    }

    @Test
    void samlpConnectionCreatedWithoutSpIdentityGetsOneWhenFirstNeeded() {
        App app = app();
        Saml saml = samlp(app);
        String id = tenant.api().queryParam("name", saml.name()).get("/api/v2/connections").then().statusCode(200)
                .extract().path("[0].id");
        // As a connection created before samlp connections had SP identities.
        TestDatabase.query("delete from saml_sp_identities where connection_id = ?", id);

        Started started = start(app, saml.name());

        String acs = tenant.api().get("/api/v2/connections/" + id).then().statusCode(200).extract()
                .path("options.acs_url");
        assertNotNull(acs);
        assertFalse(acs.equals(saml.acsUrl()), "a new identity, with a new token");
        assertEquals(acs, started.authnRequest().getDocumentElement().getAttribute("AssertionConsumerServiceURL"));
        assertEquals(1, TestDatabase.count("select count(*) from saml_sp_identities where connection_id = ?", id));
    }

    // --- sign-ins that succeed

    @Test
    void spInitiatedSignInThroughASamlpConnection() throws Exception {
        App app = app();
        Saml saml = samlp(app, Map.of("fieldsMap", Map.of("email", "email", "given_name", "givenName")));
        Started started = start(app, saml.name());

        Response back = post(saml, answer(saml, started).build(), started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        assertThat(back.header("Location"), startsWith(app.callback() + "?"));
        Map<String, String> answer = TestIdp.query(back.header("Location"));
        assertEquals(started.app().get("state"), answer.get("state"));
        JsonNode claims = idTokenClaims(app, answer.get("code"));
        assertEquals("samlp|" + saml.name() + "|alice@acme.test", claims.path("sub").asText());
        assertEquals("alice@acme.test", claims.path("email").asText());
        assertEquals("Alice", claims.path("given_name").asText());
        assertEquals("Liddell", claims.path("family_name").asText());
        assertEquals(started.app().get("nonce"), claims.path("nonce").asText());
        assertEquals(1, usersOf(saml).size());
        given().auth().oauth2(tenant.token()).queryParam("q", "type:s AND connection:" + saml.name())
                .get("/api/v2/logs").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(1));

        // The same response again: its request is used, so an error page and no second code.
        errorPage(post(saml, answer(saml, started).build(), started.relayState()), 400);
    }

    @Test
    void answerWithoutRelayStateIsTiedToItsSignInByInResponseTo() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());

        Response back = post(saml, answer(saml, started).build(), null);

        assertEquals(303, back.statusCode(), back.asString());
        Map<String, String> answer = TestIdp.query(back.header("Location"));
        assertEquals(started.app().get("state"), answer.get("state"));
        assertNotNull(answer.get("code"), back.header("Location"));
    }

    @Test
    void encryptedAssertionIsDecryptedWithTheSpKey() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.encryptFor = spCertificate(saml, "encryption");
        String body = spec.build();
        assertFalse(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8).contains("alice@acme.test"));

        Response back = post(saml, body, started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        String code = TestIdp.query(back.header("Location")).get("code");
        assertNotNull(code, back.header("Location"));
        assertEquals("samlp|" + saml.name() + "|alice@acme.test", idTokenClaims(app, code).path("sub").asText());
    }

    @Test
    void assertionEncryptedAsKeycloakDoesIsDecrypted() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.encryptFor = spCertificate(saml, "encryption");
        spec.encryption11 = true;
        String body = spec.build();
        assertThat(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8), containsString("xmlenc11#"));

        Response back = post(saml, body, started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        assertNotNull(TestIdp.query(back.header("Location")).get("code"), back.header("Location"));
    }

    @Test
    void signedResponseWithAnUnsignedAssertionIsAccepted() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.signAssertion = false;
        spec.signResponse = true;

        Response back = post(saml, spec.build(), started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        assertNotNull(TestIdp.query(back.header("Location")).get("code"), back.header("Location"));
    }

    @Test
    void signedResponseWithAnEncryptedUnsignedAssertionIsAccepted() throws Exception {
        // Keycloak's defaults: the document signed, the assertion encrypted (XML Encryption 1.1) but not signed.
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.signAssertion = false;
        spec.signResponse = true;
        spec.encryptFor = spCertificate(saml, "encryption");
        spec.encryption11 = true;

        Response back = post(saml, spec.build(), started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        assertEquals("samlp|" + saml.name() + "|alice@acme.test",
                idTokenClaims(app, TestIdp.query(back.header("Location")).get("code")).path("sub").asText());
    }

    @Test
    void organizationConnectionMapsAttributesAndGroupRoles() throws Exception {
        App app = app();
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String name = unique("orgsaml");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("ConnectionType", "saml_custom");
        body.put("Domain", domain);
        body.put("IDPEntityId", idp.entityId);
        body.put("IDPSSOUrl", SSO_URL);
        body.put("IDPCertificate", Map.of("Certificate", idp.certificatePem()));
        body.put("Attributes", Map.of("ID", "uid", "Email", "mail", "Groups", "memberOf",
                "CustomMapping", Map.of("department", "dept")));
        body.put("GroupRoles", List.of(Map.of("GroupId", "admins", "RoleId", "role-admin")));
        JsonPath created = tenant.manage().body(body).post("/v2/manage/organizations/" + orgId + "/connections")
                .then().statusCode(201).extract().jsonPath();
        Saml saml = new Saml(name, created.getString("EntityId"), created.getString("ACSEndpoint"),
                created.getString("MetadataUrl"));
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("organization", orgId);
        Started started = start(app, parameters);
        TestIdp.Spec spec = answer(saml, started);
        spec.attributes = new LinkedHashMap<>(Map.of("uid", List.of("a-123"), "mail", List.of("alice@" + domain),
                "memberOf", List.of("admins", "staff"), "dept", List.of("R&D")));

        Response back = post(saml, spec.build(), started.relayState());

        assertEquals(303, back.statusCode(), back.asString());
        JsonNode claims = idTokenClaims(app, TestIdp.query(back.header("Location")).get("code"));
        assertEquals("samlp|" + name + "|a-123", claims.path("sub").asText());
        assertEquals("alice@" + domain, claims.path("email").asText());
        assertEquals(orgId, claims.path("org_id").asText());
        assertEquals("role-admin", claims.path("roles").path(0).asText());
        assertEquals(2, claims.path("groups").size());
    }

    @Test
    void idpInitiatedSignInGoesToTheConfiguredApplication() throws Exception {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId(),
                "client_authorizequery", "response_type=code&scope=openid")));
        TestIdp.Spec spec = idp.spec().answering(saml.acsUrl(), saml.entityId(), null);

        Response back = post(saml, spec.build(), null);

        assertEquals(303, back.statusCode(), back.asString());
        assertThat(back.header("Location"), startsWith(app.callback() + "?"));
        Map<String, String> answer = TestIdp.query(back.header("Location"));
        assertNull(answer.get("state"));
        assertEquals("samlp|" + saml.name() + "|alice@acme.test", idTokenClaims(app, answer.get("code")).path("sub")
                .asText());
    }

    @Test
    void idpInitiatedRelayStateUrlIsFollowedOnlyWhenItIsACallbackOfTheApplication() {
        String second = "https://" + unique("second") + ".example.test/cb";
        App app = appWithTwoCallbacks(second);
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));

        Response followed = post(saml, idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build(), second);
        assertEquals(303, followed.statusCode(), followed.asString());
        assertThat(followed.header("Location"), startsWith(second + "?code="));

        Response ignored = post(saml, idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build(),
                "https://evil.example.test/cb");
        assertEquals(303, ignored.statusCode(), ignored.asString());
        assertThat(ignored.header("Location"), startsWith(app.callback() + "?code="));
    }

    @Test
    void organizationIdpInitiatedSignInNamesTheApplicationByRelayState() {
        App app = app();
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        String name = unique("orgidp");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("ConnectionType", "saml_custom");
        body.put("Domain", domain);
        body.put("IsIDPInitiated", true);
        body.put("IDPEntityId", idp.entityId);
        body.put("IDPSSOUrl", SSO_URL);
        body.put("IDPCertificate", Map.of("Certificate", idp.certificatePem()));
        JsonPath created = tenant.manage().body(body).post("/v2/manage/organizations/" + orgId + "/connections")
                .then().statusCode(201).extract().jsonPath();
        Saml saml = new Saml(name, created.getString("EntityId"), created.getString("ACSEndpoint"),
                created.getString("MetadataUrl"));

        Response back = post(saml, idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build(), app.clientId());

        assertEquals(303, back.statusCode(), back.asString());
        assertThat(back.header("Location"), startsWith(app.callback() + "?code="));

        errorPage(post(saml, idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build(), null), 400);
        loggedFailure(saml, "needs the application's client_id as RelayState");
    }

    // --- responses no sign-in can be tied to: an error page and the f event

    @Test
    void idpInitiatedSignInIsRefusedWhereNotAllowed() {
        App app = app();
        Saml saml = samlp(app);
        errorPage(post(saml, idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build(), null), 400);
        loggedFailure(saml, "IdP-initiated sign-in is not allowed");
        assertEquals(List.of(), usersOf(saml));
    }

    @Test
    void replayedAssertionIsRefused() {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));
        String once = idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build();
        assertEquals(303, post(saml, once, null).statusCode());

        errorPage(post(saml, once, null), 400);
        loggedFailure(saml, "Replay refused: the assertion");
        assertEquals(1, usersOf(saml).size());
    }

    @Test
    void unknownRelayStateGetsAnErrorPage() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        String unknown = "A".repeat(43);
        errorPage(post(saml, answer(saml, started).build(), unknown), 400);
        loggedFailure(saml, "Unknown RelayState");
        assertEquals(List.of(), usersOf(saml));
    }

    @Test
    void unknownAcsGetsAnErrorPage() {
        errorPage(given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParams(Map.of("SAMLResponse", "x", "RelayState", "y")).post("/saml/sp/acs/" + "Z".repeat(34)), 404);
    }

    @Test
    void theSameResponsePostedTwiceAtOnceSignsInOnce() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        String body = answer(saml, started).build();

        oneSignedIn(saml, postedAtOnce(saml, List.of(body, body), started.relayState()));
    }

    /** Each body posted to the ACS at the same moment, from threads of its own; the answers in the same order. */
    static List<Response> postedAtOnce(Saml saml, List<String> bodies, String relayState) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return post(saml, body, relayState);
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Exactly one of the answers is a code for the application, and the connection has exactly one user. */
    static void oneSignedIn(Saml saml, List<Response> responses) {
        long codes = responses.stream().filter(r -> r.statusCode() == 303
                && TestIdp.query(r.header("Location")).get("code") != null).count();
        assertEquals(1, codes, responses.stream().map(r -> r.statusCode() + " " + r.header("Location")).toList()
                .toString());
        assertEquals(1, usersOf(saml).size());
    }

    // --- the configuration the ACS keeps in memory: a change committed anywhere is seen by the next response

    static String connectionId(Saml saml) {
        return tenant.api().queryParam("name", saml.name()).get("/api/v2/connections").then().statusCode(200)
                .extract().path("[0].id");
    }

    static long configVersion() {
        return TestDatabase.count("select config_version from tenants where id = ?", tenant.id);
    }

    static String idpInitiated(Saml saml) {
        return idp.spec().answering(saml.acsUrl(), saml.entityId(), null).build();
    }

    @Test
    void configurationChangedBehindThisReplicasBackIsSeenByTheNextResponse() {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));
        String connectionId = connectionId(saml);
        assertEquals(303, post(saml, idpInitiated(saml), null).statusCode());

        // Each change straight in the database, as another replica's would be: nothing passes through this process.
        TestDatabase.query("update connections set options = jsonb_set(options, '{idpinitiated,enabled}', 'false') "
                + "where id = ?", connectionId);
        errorPage(post(saml, idpInitiated(saml), null), 400);
        loggedFailure(saml, "IdP-initiated sign-in is not allowed");

        TestDatabase.query("update connections set options = jsonb_set(options, '{idpinitiated,enabled}', 'true') "
                + "where id = ?", connectionId);
        assertEquals(303, post(saml, idpInitiated(saml), null).statusCode());
        TestDatabase.query("delete from connection_clients where connection_id = ?", connectionId);
        errorPage(post(saml, idpInitiated(saml), null), 400);
        loggedFailure(saml, "is not enabled for the application");

        TestDatabase.query("insert into connection_clients (connection_id, client_id) values (?, ?)", connectionId,
                app.clientId());
        String moved = "https://" + unique("moved") + ".example.test/callback";
        TestDatabase.query("update clients set callbacks = array[?] where client_id = ?", moved, app.clientId());
        Response back = post(saml, idpInitiated(saml), null);
        assertEquals(303, back.statusCode(), back.asString());
        assertThat(back.header("Location"), startsWith(moved + "?code="));

        TestIdp other = new TestIdp(idp.entityId);
        TestDatabase.query("update connections set options = jsonb_set(options, '{signingCert}', to_jsonb(?::text)) "
                + "where id = ?", other.certificatePem(), connectionId);
        errorPage(post(saml, idpInitiated(saml), null), 400);
        assertEquals(303, post(saml, other.spec().answering(saml.acsUrl(), saml.entityId(), null).build(), null)
                .statusCode());

        TestDatabase.query("delete from saml_sp_identities where connection_id = ?", connectionId);
        errorPage(post(saml, idpInitiated(saml), null), 404);
    }

    @Test
    void authorizeSeesConfigurationChangedBehindThisReplicasBack() {
        App app = app();
        Saml saml = samlp(app);
        String connectionId = connectionId(saml);
        start(app, saml.name());

        String moved = "https://" + unique("idp") + ".example.test/sso";
        TestDatabase.query("update connections set options = jsonb_set(options, '{signInEndpoint}', to_jsonb(?::text)) "
                + "where id = ?", moved, connectionId);
        Map<String, String> parameters = authorizeParameters(app);
        parameters.put("connection", saml.name());
        Response toIdp = given().redirects().follow(false).queryParams(parameters).get("/authorize");
        assertEquals(302, toIdp.statusCode(), toIdp.asString());
        assertThat(toIdp.header("Location"), startsWith(moved + "?SAMLRequest="));

        TestDatabase.query("delete from connection_clients where connection_id = ?", connectionId);
        Response refused = given().redirects().follow(false).queryParams(parameters).get("/authorize");
        assertEquals(302, refused.statusCode(), refused.asString());
        Map<String, String> answer = TestIdp.query(refused.header("Location"));
        assertThat(refused.header("Location"), startsWith(app.callback() + "?"));
        assertThat(answer.get("error_description"), containsString("is not enabled for the application"));

        TestDatabase.query("delete from clients where client_id = ?", app.clientId());
        errorPage(given().redirects().follow(false).queryParams(parameters).get("/authorize"), 400);
    }

    @Test
    void blockedUserIsRefusedAndItsLoginIsNotCounted() {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));
        assertEquals(303, post(saml, idpInitiated(saml), null).statusCode());
        String userId = "samlp|" + saml.name() + "|alice@acme.test";
        TestDatabase.query("update users set blocked = true where tenant_id = ? and user_id = ?", tenant.id, userId);

        errorPage(post(saml, idpInitiated(saml), null), 400);
        loggedFailure(saml, "The user " + userId + " is blocked");
        tenant.api().get("/api/v2/users/{id}", userId).then().statusCode(200).body("logins_count", equalTo(1));
    }

    @Test
    void emailOfAnotherUserOfTheConnectionIsRefusedAndWritesNoUser() {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));
        assertEquals(303, post(saml, idpInitiated(saml), null).statusCode());
        TestIdp.Spec mallory = idp.spec().answering(saml.acsUrl(), saml.entityId(), null);
        mallory.nameId = "mallory";

        errorPage(post(saml, mallory.build(), null), 400);
        loggedFailure(saml, "already has this email address");
        assertEquals(1, usersOf(saml).size());
    }

    @Test
    void everyTableOfTheConfigurationMovesItsVersionAndSigningInDoesNot() {
        App app = app();
        Saml saml = samlp(app, Map.of("idpinitiated", Map.of("enabled", true, "client_id", app.clientId())));
        String connectionId = connectionId(saml);
        String orgId = Orgs.create(tenant);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        tenant.manage().body(Map.of("Name", unique("orgsaml"), "ConnectionType", "saml_custom", "Domain", domain,
                "IDPEntityId", idp.entityId, "IDPSSOUrl", SSO_URL, "IDPCertificate",
                Map.of("Certificate", idp.certificatePem()))).post("/v2/manage/organizations/" + orgId + "/connections")
                .then().statusCode(201);

        long before = configVersion();
        assertEquals(303, post(saml, idpInitiated(saml), null).statusCode());
        assertEquals(before, configVersion(), "a sign-in changes no configuration");

        for (String table : List.of("clients", "connections", "organizations", "organization_domains",
                "organization_connections", "saml_sp_identities")) {
            long was = configVersion();
            TestDatabase.query("update " + table + " set tenant_id = tenant_id where tenant_id = ?", tenant.id);
            assertTrue(configVersion() > was, table);
        }
        long was = configVersion();
        TestDatabase.query("delete from connection_clients where connection_id = ?", connectionId);
        assertTrue(configVersion() > was, "connection_clients");
        // Another tenant's change is not this tenant's.
        was = configVersion();
        TestTenant other = TestTenant.create();
        other.api().body(Map.of("name", unique("app"), "app_type", "regular_web")).post("/api/v2/clients").then()
                .statusCode(201);
        assertEquals(was, configVersion());
        // One statement changing many rows moves the version once.
        long otherWas = TestDatabase.count("select config_version from tenants where id = ?", other.id);
        TestDatabase.query("insert into connections (id, tenant_id, name, strategy) select 'con_many' || g || ?, ?, "
                + "'many-' || g, 'auth0' from generate_series(1, 500) g", other.id, other.id);
        assertEquals(otherWas + 1, TestDatabase.count("select config_version from tenants where id = ?", other.id));
    }

    @Test
    void concurrentConfigurationChangesOfOneTenantAllLand() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        String connectionId = connectionId(saml);
        long before = configVersion();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return n % 2 == 0
                            ? tenant.api().body(Map.of("display_name", "Change " + n))
                                    .patch("/api/v2/connections/" + connectionId).statusCode()
                            : tenant.api().body(Map.of("description", "Change " + n))
                                    .patch("/api/v2/clients/" + app.clientId()).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> future : futures) {
                assertEquals(200, future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(configVersion() >= before + 8, "every change moved the version");
    }

    @Test
    void twoAnswersToOneRequestAtOnceSignInOneUserOnly() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec alice = answer(saml, started);
        TestIdp.Spec bob = answer(saml, started);
        bob.nameId = "bob@acme.test";
        bob.attributes.put("email", List.of("bob@acme.test"));

        // The other answer's user is written in its transaction, then rolled back with it.
        oneSignedIn(saml, postedAtOnce(saml, List.of(alice.build(), bob.build()), started.relayState()));
    }

    // --- every check of the ACS: access_denied naming it, the f event, no user

    @Test
    void unsignedResponseIsRefused() {
        refused(spec -> spec.signAssertion = false, "Signature missing");
    }

    @Test
    void responseSignedByAnotherKeyIsRefused() {
        var other = TestIdp.rsaKeys();
        refused(spec -> {
            spec.signingKey = other.getPrivate();
            spec.signingCertificate = TestIdp.selfSigned(other, "CN=another-idp");
        }, "Signature check failed");
    }

    @Test
    void responseSignedByAnotherKeyWithoutKeyInfoMatchIsRefused() {
        var other = TestIdp.rsaKeys();
        refused(spec -> spec.signingKey = other.getPrivate(), "does not verify with the connection's IdP certificate");
    }

    @Test
    void responseTamperedAfterSigningIsRefused() {
        refusedAfterSigning(document -> document.getElementsByTagNameNS(TestIdp.SAML, "NameID").item(0)
                .setTextContent("mallory@acme.test"), "does not verify");
    }

    @Test
    void signedResponseWrappedInAnEvilResponseIsRefused() {
        // XSW: the genuine signed Response moves into the Extensions of an unsigned one the attacker wrote.
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.signAssertion = false;
        spec.signResponse = true;
        Document genuine = spec.document();
        idp.sign(genuine, spec);
        TestIdp.Spec evilSpec = answer(saml, started);
        evilSpec.nameId = "mallory@acme.test";
        Document evil = evilSpec.document();
        Element evilResponse = evil.getDocumentElement();
        Element extensions = evil.createElementNS(TestIdp.SAMLP, "samlp:Extensions");
        extensions.appendChild(evil.importNode(genuine.getDocumentElement(), true));
        evilResponse.insertBefore(extensions, evilResponse.getElementsByTagNameNS(TestIdp.SAMLP, "Status").item(0));
        evilResponse.removeChild(directAssertion(evilResponse));
        refusedDocument(saml, app, started, TestIdp.base64(evil), "signature wrapping refused");
    }

    @Test
    void evilAssertionBesideTheSignedOneIsRefused() {
        // XSW: an unsigned assertion first, the genuine signed one after it.
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        idp.sign(document, spec);
        TestIdp.Spec evilSpec = answer(saml, started);
        evilSpec.nameId = "mallory@acme.test";
        Element evilAssertion = (Element) document.importNode(evilSpec.document().getElementsByTagNameNS(TestIdp.SAML,
                "Assertion").item(0), true);
        Element response = document.getDocumentElement();
        response.insertBefore(evilAssertion, directAssertion(response));
        refusedDocument(saml, app, started, TestIdp.base64(document), "exactly one Assertion");
    }

    @Test
    void signatureMovedToAnEvilAssertionIsRefused() {
        // XSW: the evil assertion carries the genuine signature, whose Reference still names the genuine assertion
        // (kept inside the signature's Object so that the digest still matches).
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        idp.sign(document, spec);
        Element response = document.getDocumentElement();
        Element genuine = directAssertion(response);
        Element signature = (Element) genuine.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                "Signature").item(0);
        TestIdp.Spec evilSpec = answer(saml, started);
        evilSpec.nameId = "mallory@acme.test";
        Element evil = (Element) document.importNode(evilSpec.document().getElementsByTagNameNS(TestIdp.SAML,
                "Assertion").item(0), true);
        genuine.removeChild(signature);
        Element object = document.createElementNS("http://www.w3.org/2000/09/xmldsig#", "ds:Object");
        signature.appendChild(object);
        response.replaceChild(evil, genuine);
        object.appendChild(genuine);
        evil.insertBefore(signature, evil.getElementsByTagNameNS(TestIdp.SAML, "Issuer").item(0).getNextSibling());
        refusedDocument(saml, app, started, TestIdp.base64(document), "exactly one Assertion");
    }

    @Test
    void signatureOnAnElementOtherThanResponseOrAssertionIsRefused() {
        // The genuine assertion signature moved into the Subject: it still verifies (its Reference names the
        // assertion), but it no longer sits on what it signs.
        refusedAfterSigning(document -> {
            Element assertion = directAssertion(document.getDocumentElement());
            Element signature = dsSignature(assertion);
            Element subject = (Element) assertion.getElementsByTagNameNS(TestIdp.SAML, "Subject").item(0);
            subject.appendChild(assertion.removeChild(signature));
        }, "signature wrapping refused");
    }

    @Test
    void signatureWhoseReferenceNamesAnotherElementIsRefused() {
        // The genuine assertion signature moved onto the Response: Santuario would verify it (its Reference names
        // the assertion), but the Response it now sits on is not what it signs.
        refusedAfterSigning(document -> {
            Element response = document.getDocumentElement();
            Element signature = dsSignature(directAssertion(response));
            signature.getParentNode().removeChild(signature);
            response.insertBefore(signature, response.getElementsByTagNameNS(TestIdp.SAMLP, "Status").item(0));
        }, "signature wrapping refused");
    }

    @Test
    void assertionSignedTwiceIsRefused() {
        refusedAfterSigning(document -> {
            Element assertion = directAssertion(document.getDocumentElement());
            Element signature = dsSignature(assertion);
            assertion.insertBefore(signature.cloneNode(true), signature);
        }, "signature wrapping refused");
    }

    /** A response signed by the test IdP, then changed by {@code edit}, is refused naming {@code description}. */
    private static void refusedAfterSigning(Consumer<Document> edit, String description) {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        idp.sign(document, spec);
        edit.accept(document);
        refusedDocument(saml, app, started, TestIdp.base64(document), description);
    }

    private static Element dsSignature(Element signed) {
        for (Node node = signed.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && "Signature".equals(element.getLocalName())
                    && "http://www.w3.org/2000/09/xmldsig#".equals(element.getNamespaceURI())) {
                return element;
            }
        }
        throw new AssertionError("no signature on " + signed.getLocalName());
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(spec -> spec.assertionIssuer = "https://evil.example.test/idp", "Issuer mismatch: expected "
                + idp.entityId + ", got https://evil.example.test/idp");
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(spec -> spec.audience = "https://another-sp.example.test", "Audience mismatch: expected ");
    }

    @Test
    void wrongDestinationIsRefused() {
        refused(spec -> spec.destination = "https://proxy.example.test/saml/sp/acs/x", "Destination mismatch: expected ");
    }

    @Test
    void wrongRecipientIsRefused() {
        refused(spec -> spec.recipient = "https://proxy.example.test/saml/sp/acs/x", "Recipient mismatch: expected ");
    }

    @Test
    void expiredAssertionIsRefused() {
        refused(spec -> {
            spec.notOnOrAfter = spec.now.minus(Duration.ofMinutes(10));
            spec.notBefore = spec.now.minus(Duration.ofMinutes(20));
        }, "Assertion expired: Conditions NotOnOrAfter");
    }

    @Test
    void expiredSubjectConfirmationIsRefused() {
        refused(spec -> spec.confirmationNotOnOrAfter = spec.now.minus(Duration.ofMinutes(10)),
                "Assertion expired: SubjectConfirmationData NotOnOrAfter");
    }

    @Test
    void notYetValidAssertionIsRefused() {
        refused(spec -> spec.notBefore = spec.now.plus(Duration.ofMinutes(10)), "Assertion not yet valid");
    }

    @Test
    void expiredEncryptedAssertionIsRefused() throws Exception {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        spec.notOnOrAfter = spec.now.minus(Duration.ofMinutes(10));
        spec.notBefore = spec.now.minus(Duration.ofMinutes(20));
        spec.confirmationNotOnOrAfter = spec.now.minus(Duration.ofMinutes(10));
        spec.encryptFor = spCertificate(saml, "encryption");
        refusedDocument(saml, app, started, spec.build(), "Assertion expired");
    }

    @Test
    void inResponseToMismatchIsRefused() {
        refused(spec -> {
            spec.inResponseTo = "_another-request";
            spec.confirmationInResponseTo = "_another-request";
        }, "InResponseTo mismatch: expected ");
    }

    @Test
    void sha1SignatureIsRefused() {
        refused(spec -> {
            spec.signatureAlgorithm = TestIdp.RSA_SHA1;
            spec.digestAlgorithm = TestIdp.SHA1_DIGEST;
        }, "SHA-1 is refused");
    }

    @Test
    void sha1DigestUnderAnRsaSha256SignatureIsRefused() {
        refused(spec -> spec.digestAlgorithm = TestIdp.SHA1_DIGEST, "SHA-1 is refused");
    }

    @Test
    void statusOtherThanSuccessIsRefused() {
        refused(spec -> spec.status = "urn:oasis:names:tc:SAML:2.0:status:Responder",
                "Status is not Success: the IdP answered urn:oasis:names:tc:SAML:2.0:status:Responder");
    }

    @Test
    void responseWithADtdIsRefused() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        idp.sign(document, spec);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ELEMENT r ANY>]>" + TestIdp.serialize(document);
        refusedDocument(saml, app, started, TestIdp.base64(xml), "DTD");
    }

    @Test
    void twoAssertionsAreRefused() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        idp.sign(document, spec);
        TestIdp.Spec second = answer(saml, started);
        Document other = second.document();
        idp.sign(other, second);
        document.getDocumentElement().appendChild(document.importNode(directAssertion(other.getDocumentElement()), true));
        refusedDocument(saml, app, started, TestIdp.base64(document), "holds 2 assertions");
    }

    /** A response signed by the IdP after {@code change} edited its document. */
    static void refusedAfterEdit(Consumer<Document> change, String description) {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        TestIdp.Spec spec = answer(saml, started);
        Document document = spec.document();
        change.accept(document);
        idp.sign(document, spec);
        refusedDocument(saml, app, started, TestIdp.base64(document), description);
    }

    static Element first(Document document, String namespace, String name) {
        return (Element) document.getElementsByTagNameNS(namespace, name).item(0);
    }

    @Test
    void responseNotMatchingTheSchemaIsRefused() {
        // an Issuer after the Status, where the protocol schema allows none
        refusedAfterEdit(document -> {
            Element root = document.getDocumentElement();
            Element issuer = document.createElementNS(TestIdp.SAML, "saml:Issuer");
            issuer.setTextContent(idp.entityId);
            root.insertBefore(issuer, first(document, TestIdp.SAMLP, "Status").getNextSibling());
        }, "does not match the SAML 2.0 protocol schema");
    }

    @Test
    void samlVersionOtherThan20IsRefused() {
        refusedAfterEdit(document -> document.getDocumentElement().setAttribute("Version", "1.1"),
                "Unsupported SAML version on the Response: 1.1");
        refusedAfterEdit(document -> first(document, TestIdp.SAML, "Assertion").setAttribute("Version", "3.0"),
                "Unsupported SAML version on the Assertion: 3.0");
    }

    @Test
    void assertionWithoutAuthnStatementIsRefused() {
        refusedAfterEdit(document -> {
            Element statement = first(document, TestIdp.SAML, "AuthnStatement");
            statement.getParentNode().removeChild(statement);
        }, "exactly one AuthnStatement; it holds 0");
    }

    @Test
    void expiredSessionIsRefused() {
        refusedAfterEdit(document -> first(document, TestIdp.SAML, "AuthnStatement").setAttribute(
                "SessionNotOnOrAfter", Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS)
                        .toString()), "Session expired: AuthnStatement SessionNotOnOrAfter");
    }

    @Test
    void encryptedAttributeIsRefused() {
        refusedAfterEdit(document -> {
            String xenc = "http://www.w3.org/2001/04/xmlenc#";
            Element encrypted = document.createElementNS(TestIdp.SAML, "saml:EncryptedAttribute");
            Element data = document.createElementNS(xenc, "xenc:EncryptedData");
            // declared in the DOM, so that what is signed is what the serialized response says
            data.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xenc", xenc);
            Element cipherData = document.createElementNS(xenc, "xenc:CipherData");
            Element value = document.createElementNS(xenc, "xenc:CipherValue");
            value.setTextContent("AAAA");
            cipherData.appendChild(value);
            data.appendChild(cipherData);
            encrypted.appendChild(data);
            first(document, TestIdp.SAML, "AttributeStatement").appendChild(encrypted);
        }, "EncryptedAttribute, which is not supported");
    }

    @Test
    void oversizedResponseIsRefused() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        refusedDocument(saml, app, started, "A".repeat(600 * 1024), "too large");
    }

    @Test
    void nonBase64ResponseIsRefused() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        refusedDocument(saml, app, started, "not base64 at all!", "not base64");
    }

    @Test
    void brokenXmlIsRefused() {
        App app = app();
        Saml saml = samlp(app);
        Started started = start(app, saml.name());
        refusedDocument(saml, app, started, TestIdp.base64("<samlp:Response xmlns:samlp=\"" + TestIdp.SAMLP
                + "\"><unclosed>"), "not well-formed XML");
    }

    private static Element directAssertion(Element response) {
        for (var node = response.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && TestIdp.SAML.equals(element.getNamespaceURI())
                    && "Assertion".equals(element.getLocalName())) {
                return element;
            }
        }
        throw new AssertionError("no assertion");
    }
}
