package io.connectionhub.support.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API, with the JDK's HTTP client and Jackson: realms, groups, users, an OIDC confidential
 * client, and a SAML client made from an SP's metadata by Keycloak's own converter. Every call that does not answer
 * as expected fails with the status and body.
 */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user to create: a password login, an email (verified) and names, and the groups it is a member of. */
    public record TestUser(String username, String password, String email, String firstName, String lastName,
            List<String> groups) {
    }

    /**
     * How the SAML client signs and encrypts: signed assertions always (and a signed response document when
     * {@code signResponse}); {@code encryptAssertions} with the certificate of the SP metadata's encryption (or
     * signing) key; {@code idpInitiatedName} sets the IdP-initiated SSO URL name
     * ({@code /realms/<realm>/protocol/saml/clients/<name>}), null for none.
     */
    public record SamlClientOptions(boolean signResponse, boolean encryptAssertions, String idpInitiatedName) {
    }

    private final String baseUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long tokenExpiresAt;

    KeycloakAdmin(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    /** A realm with the given name, enabled, plain http allowed (the server listens on loopback only). */
    public void createRealm(String realm) {
        ObjectNode representation = JSON.createObjectNode().put("realm", realm).put("enabled", true)
                .put("sslRequired", "none");
        send("POST", "/admin/realms", representation, 201);
    }

    public void createGroup(String realm, String name) {
        send("POST", "/admin/realms/" + realm + "/groups", JSON.createObjectNode().put("name", name), 201);
    }

    /** The user with a permanent password and a verified email, in its groups (created first if need be). */
    public String createUser(String realm, TestUser user) {
        for (String group : user.groups()) {
            if (!groupExists(realm, group)) {
                createGroup(realm, group);
            }
        }
        ObjectNode representation = JSON.createObjectNode().put("username", user.username()).put("enabled", true)
                .put("email", user.email()).put("emailVerified", true).put("firstName", user.firstName())
                .put("lastName", user.lastName());
        representation.putArray("credentials").addObject().put("type", "password").put("value", user.password())
                .put("temporary", false);
        ArrayNode groups = representation.putArray("groups");
        user.groups().forEach(group -> groups.add("/" + group));
        return idFromLocation(send("POST", "/admin/realms/" + realm + "/users", representation, 201));
    }

    /**
     * A confidential OpenID Connect client for the authorization code flow (PKCE S256 required), with this secret and
     * these exact redirect URIs; its ID tokens carry a {@code groups} claim with the user's group names.
     */
    public String createOidcClient(String realm, String clientId, String secret, List<String> redirectUris) {
        ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("protocol", "openid-connect")
                .put("enabled", true).put("publicClient", false).put("clientAuthenticatorType", "client-secret")
                .put("secret", secret).put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false)
                .put("implicitFlowEnabled", false).put("serviceAccountsEnabled", false);
        ArrayNode uris = client.putArray("redirectUris");
        redirectUris.forEach(uris::add);
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        client.putArray("protocolMappers").add(mapper("groups", "openid-connect", "oidc-group-membership-mapper",
                Map.of("claim.name", "groups", "full.path", "false", "id.token.claim", "true",
                        "access.token.claim", "true", "userinfo.token.claim", "true")));
        return idFromLocation(send("POST", "/admin/realms/" + realm + "/clients", client, 201));
    }

    /**
     * A SAML client made from the SP's metadata by {@code client-description-converter} (entity id, ACS URL, signing
     * certificate, as Keycloak reads them), then set as {@code options} say, with attribute mappers for email, first
     * and last name and groups. Returns the client's SAML entity id.
     */
    public String createSamlClientFromMetadata(String realm, String spMetadataXml, SamlClientOptions options) {
        HttpResponse<String> converted = sendRaw("POST", "/admin/realms/" + realm + "/client-description-converter",
                "text/plain", spMetadataXml, 200);
        ObjectNode client = (ObjectNode) read(converted.body());
        ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes")
                : client.putObject("attributes");
        attributes.put("saml.assertion.signature", "true");
        attributes.put("saml.server.signature", Boolean.toString(options.signResponse()));
        attributes.put("saml.signature.algorithm", "RSA_SHA256");
        attributes.put("saml_name_id_format", "email");
        attributes.put("saml_force_name_id_format", "true");
        if (options.encryptAssertions()) {
            if (!attributes.hasNonNull("saml.encryption.certificate")) {
                attributes.put("saml.encryption.certificate", attributes.path("saml.signing.certificate").asText());
            }
            attributes.put("saml.encrypt", "true");
        } else {
            attributes.put("saml.encrypt", "false");
        }
        if (options.idpInitiatedName() != null) {
            attributes.put("saml_idp_initiated_sso_url_name", options.idpInitiatedName());
        }
        ArrayNode mappers = client.putArray("protocolMappers");
        mappers.add(mapper("email", "saml", "saml-user-property-mapper", Map.of("user.attribute", "email",
                "attribute.name", "email", "attribute.nameformat", "Basic")));
        mappers.add(mapper("firstName", "saml", "saml-user-property-mapper", Map.of("user.attribute", "firstName",
                "attribute.name", "firstName", "attribute.nameformat", "Basic")));
        mappers.add(mapper("lastName", "saml", "saml-user-property-mapper", Map.of("user.attribute", "lastName",
                "attribute.name", "lastName", "attribute.nameformat", "Basic")));
        mappers.add(mapper("groups", "saml", "saml-group-membership-mapper", Map.of("attribute.name", "groups",
                "attribute.nameformat", "Basic", "full.path", "false", "single", "false")));
        send("POST", "/admin/realms/" + realm + "/clients", client, 201);
        return client.path("clientId").asText();
    }

    /** The client with this client id (OIDC client id or SAML entity id), as Keycloak represents it. */
    public JsonNode client(String realm, String clientId) {
        JsonNode found = read(sendRaw("GET", "/admin/realms/" + realm + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null, null, 200).body());
        if (!found.isArray() || found.isEmpty()) {
            throw new IllegalStateException("Keycloak has no client " + clientId + " in realm " + realm);
        }
        return found.get(0);
    }

    private boolean groupExists(String realm, String name) {
        JsonNode found = read(sendRaw("GET", "/admin/realms/" + realm + "/groups?exact=true&search="
                + URLEncoder.encode(name, StandardCharsets.UTF_8), null, null, 200).body());
        for (JsonNode group : found) {
            if (name.equals(group.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode mapper(String name, String protocol, String type, Map<String, String> config) {
        ObjectNode mapper = JSON.createObjectNode().put("name", name).put("protocol", protocol).put("protocolMapper", type);
        ObjectNode settings = mapper.putObject("config");
        config.forEach(settings::put);
        return mapper;
    }

    private HttpResponse<String> send(String method, String path, JsonNode body, int expected) {
        return sendRaw(method, path, "application/json", body.toString(), expected);
    }

    private HttpResponse<String> sendRaw(String method, String path, String contentType, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body());
        }
        return response;
    }

    /** An admin token of the master realm's admin-cli client, reused until shortly before it expires. */
    private synchronized String token() {
        if (token != null && System.nanoTime() < tokenExpiresAt) {
            return token;
        }
        String form = form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", password));
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the admin login: " + response.statusCode() + " "
                    + response.body());
        }
        JsonNode answer = read(response.body());
        token = answer.path("access_token").asText();
        long lifetime = Math.max(5, answer.path("expires_in").asLong(60) - 15);
        tokenExpiresAt = System.nanoTime() + Duration.ofSeconds(lifetime).toNanos();
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin request " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String idFromLocation(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Keycloak answered 201 without a Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return pairs.stream().collect(Collectors.joining("&"));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered something other than JSON: " + body, e);
        }
    }
}
