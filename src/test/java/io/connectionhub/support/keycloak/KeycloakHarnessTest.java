package io.connectionhub.support.keycloak;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.saml.SpCertificate;
import io.connectionhub.saml.SpCertificateFactory;
import io.connectionhub.saml.SpKeyType;
import io.connectionhub.saml.SpMetadataWriter;

/**
 * The Keycloak harness against Keycloak alone: the server starts, a realm is configured through the admin API, a user
 * signs in through the real login form, and a SAML client is made from SP metadata.
 */
class KeycloakHarnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_CALLBACK = "https://app.example/callback";
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    private static KeycloakServer keycloak;
    private static String realm;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void realm() {
        keycloak = KeycloakServer.shared();
        realm = "harness-" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        KeycloakAdmin admin = keycloak.admin();
        admin.createRealm(realm);
        admin.createUser(realm, new KeycloakAdmin.TestUser("alice", "alice-Secret-1", "alice@acme.test", "Alice",
                "Liddell", List.of("engineering", "admins")));
    }

    @Test
    void discoveryNamesTheRealmAsIssuer() throws Exception {
        JsonNode discovery = getJson(keycloak.issuer(realm) + "/.well-known/openid-configuration");

        assertEquals(keycloak.issuer(realm), discovery.path("issuer").asText());
        assertThat(discovery.path("authorization_endpoint").asText(), startsWith(keycloak.issuer(realm)));
        assertThat(discovery.path("jwks_uri").asText(), startsWith(keycloak.issuer(realm)));
        assertThat(discovery.path("code_challenge_methods_supported").toString(), containsString("S256"));
    }

    @Test
    void aUserSignsInThroughTheLoginFormAndTheClientRedeemsTheCode() throws Exception {
        keycloak.admin().createOidcClient(realm, "app-code", "app-code-secret", List.of(APP_CALLBACK));
        String verifier = base64Url(random(32));
        String challenge = base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = base64Url(random(16));
        URI authorize = URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/auth?response_type=code"
                + "&client_id=app-code&scope=openid%20email%20profile&redirect_uri=" + encode(APP_CALLBACK)
                + "&state=" + state + "&nonce=n-1&code_challenge=" + challenge + "&code_challenge_method=S256");

        URI back = new BrowserSession().signIn(authorize, "alice", "alice-Secret-1",
                uri -> uri.toString().startsWith(APP_CALLBACK)).redirectOrFail();

        Map<String, String> query = query(back);
        assertEquals(state, query.get("state"));
        assertNotNull(query.get("code"), back.toString());
        HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(realm)
                + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakAdmin.form(Map.of("grant_type", "authorization_code",
                        "code", query.get("code"), "redirect_uri", APP_CALLBACK, "client_id", "app-code",
                        "client_secret", "app-code-secret", "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokens.statusCode(), tokens.body());
        String idToken = JSON.readTree(tokens.body()).path("id_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        assertEquals(keycloak.issuer(realm), claims.path("iss").asText());
        assertEquals("alice@acme.test", claims.path("email").asText());
        assertEquals("n-1", claims.path("nonce").asText());
        assertThat(claims.path("groups").toString(), containsString("engineering"));
        assertThat(claims.path("groups").toString(), containsString("admins"));
    }

    @Test
    void aWrongPasswordStaysOnTheLoginFormWithItsMessage() {
        keycloak.admin().createOidcClient(realm, "app-wrong", "app-wrong-secret", List.of(APP_CALLBACK));
        URI authorize = URI.create(keycloak.issuer(realm) + "/protocol/openid-connect/auth?response_type=code"
                + "&client_id=app-wrong&scope=openid&redirect_uri=" + encode(APP_CALLBACK) + "&state=s"
                + "&code_challenge=" + base64Url(random(32)) + "&code_challenge_method=S256");

        BrowserSession.Landing landing = new BrowserSession().signIn(authorize, "alice", "not-her-password",
                uri -> uri.toString().startsWith(APP_CALLBACK));

        assertNull(landing.redirect());
        assertNotNull(BrowserSession.loginForm(landing.page()));
        assertThat(landing.page().text(), containsString("Invalid username or password"));
    }

    @Test
    void theSamlIdpMetadataIsServed() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.samlDescriptorUrl(realm)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        Document metadata = parse(response.body());
        assertEquals("EntityDescriptor", metadata.getDocumentElement().getLocalName());
        assertEquals(keycloak.issuer(realm), metadata.getDocumentElement().getAttribute("entityID"));
        assertEquals(1, metadata.getElementsByTagNameNS(MD, "IDPSSODescriptor").getLength());
        assertThat(metadata.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate").getLength(),
                greaterThan(0));
    }

    @Test
    void aSamlClientIsMadeFromSpMetadataAndSignsInIdpInitiated() throws Exception {
        String entityId = "https://hub.example/saml/sp/" + base64Url(random(9));
        String acs = "https://hub.example/saml/sp/acs/" + base64Url(random(9));
        SpCertificate certificate = new SpCertificateFactory(SpKeyType.RSA, Duration.ofDays(30))
                .create(SpCertificateFactory.commonNameFor(entityId));
        String metadata = new SpMetadataWriter().write(entityId, acs, certificate.certificate());
        String name = "hub-" + base64Url(random(6)).toLowerCase().replace('_', 'x').replace('-', 'y');

        keycloak.admin().createSamlClientFromMetadata(realm, metadata,
                new KeycloakAdmin.SamlClientOptions(false, true, name));

        JsonNode client = keycloak.admin().client(realm, entityId);
        JsonNode attributes = client.path("attributes");
        assertEquals("saml", client.path("protocol").asText());
        assertEquals(acs, attributes.path("saml_assertion_consumer_url_post").asText());
        assertEquals("true", attributes.path("saml.assertion.signature").asText());
        assertEquals("true", attributes.path("saml.encrypt").asText());
        assertEquals(name, attributes.path("saml_idp_initiated_sso_url_name").asText());
        String derBase64 = certificate.certificate().base64Der();
        assertEquals(derBase64, attributes.path("saml.signing.certificate").asText().replaceAll("\\s", ""));

        BrowserSession.FormPost post = new BrowserSession().signIn(
                URI.create(keycloak.issuer(realm) + "/protocol/saml/clients/" + name), "alice", "alice-Secret-1",
                uri -> false).formOrFail();

        assertEquals(acs, post.action().toString());
        String response = new String(Base64.getMimeDecoder().decode(post.fields().get("SAMLResponse")),
                StandardCharsets.UTF_8);
        assertThat(response, containsString("EncryptedAssertion"));
        assertThat(response, not(containsString("alice@acme.test")));
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return JSON.readTree(response.body());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
