package io.connectionhub.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.common.RobustnessSweepTest.BodyKind;
import io.connectionhub.common.RobustnessSweepTest.Credentials;
import io.connectionhub.common.RobustnessSweepTest.Family;
import io.connectionhub.common.RobustnessSweepTest.Fixtures;
import io.connectionhub.common.RobustnessSweepTest.Operation;
import io.connectionhub.organization.Orgs;

/**
 * How the robustness sweep calls each operation: its family and credentials (declared here, not taken from the code
 * under test), the fixture each path parameter names, a valid body, and the form fields of pages. Operations of the
 * OpenAPI document get their query parameters and, without a body here, a body made from their schema.
 */
final class SweepRecipes {

    /** Every recipe, by "METHOD /template". */
    static final Map<String, Operation> ALL = new LinkedHashMap<>();
    /** Operations swept in any case: second content types of a documented route. */
    static final List<Operation> EXTRA = new ArrayList<>();

    private SweepRecipes() {
    }

    /** The fixture a path parameter of a template names. */
    static String fixtureOf(String template, String param) {
        return switch (param) {
            case "tenantId" -> "tenant";
            case "memberId" -> "member_to_change";
            case "orgId" -> "org";
            case "domainId" -> template.startsWith("/setup") ? "domain" : "domain";
            case "connId" -> "org_connection";
            case "linkId" -> "setup_link";
            case "kind" -> "kind";
            case "resultId" -> "test_result";
            case "token" -> template.startsWith("/saml") ? "sp_token" : "setup_token";
            case "id" -> {
                if (template.startsWith("/api/v2/connections") || template.startsWith("/ui/connections")) {
                    yield "connection";
                } else if (template.startsWith("/api/v2/users")) {
                    yield "user";
                } else if (template.startsWith("/api/v2/jobs") || template.startsWith("/ui/jobs")) {
                    yield "job";
                } else if (template.startsWith("/api/v2/clients") || template.startsWith("/ui/applications")) {
                    yield "client";
                } else if (template.startsWith("/api/v2/logs")) {
                    yield "log";
                } else if (template.startsWith("/admin/v1/tenants")) {
                    yield "tenant";
                } else if (template.startsWith("/ui/organizations")) {
                    yield "org";
                }
                throw new AssertionError("no fixture for {id} of " + template);
            }
            default -> throw new AssertionError("no fixture for {" + param + "} of " + template);
        };
    }

    static {
        // Auth0 family: management API
        api("POST", "/api/v2/connections", f -> object("name", RobustnessSweepTest.unique("sweep"), "strategy", "auth0",
                "display_name", "Sweep", "metadata", object("team", "sweep"), "options", object("brute_force_protection", true)));
        // list queries start from a valid one (a checkpoint or a page, not both); null: left out until mutated
        api("GET", "/api/v2/connections", null, "strategy", "auth0", "name", null, "fields", null, "include_fields",
                null, "page", "0", "per_page", "5", "include_totals", "true", "from", null, "take", null);
        api("GET", "/api/v2/connections/{id}", null, "fields", "name,strategy", "include_fields", "true");
        api("PATCH", "/api/v2/connections/{id}", f -> object("display_name", "Sweep", "metadata", object("k", "v"),
                "realms", array(f.id("connection_name"))));
        destructive(api("DELETE", "/api/v2/connections/{id}", null));
        api("GET", "/api/v2/connections/{id}/clients", null, "take", "5", "from", null);
        api("PATCH", "/api/v2/connections/{id}/clients", f -> array(object("client_id", f.id("client"), "status", true)));
        destructive(api("DELETE", "/api/v2/connections/{id}/users", null, "email", "$email"));
        api("POST", "/api/v2/users", f -> object("connection", f.id("connection_name"), "email",
                RobustnessSweepTest.unique("u") + "@example.com", "password", "Sweep-password-1", "given_name", "Ada",
                "user_metadata", object("k", "v"), "app_metadata", object("k", "v")));
        api("GET", "/api/v2/users", null, "connection", "$connection_name", "take", "5", "from", null);
        api("GET", "/api/v2/users/{id}", null);
        destructive(api("DELETE", "/api/v2/users/{id}", null));
        put(operation("POST", "/api/v2/jobs/users-imports", Family.AUTH0, Credentials.BEARER, BodyKind.MULTIPART, null,
                Map.of(), Map.of()));
        api("GET", "/api/v2/jobs/{id}", null);
        api("GET", "/api/v2/jobs/{id}/errors", null);
        api("POST", "/api/v2/clients", f -> object("name", RobustnessSweepTest.unique("app"), "app_type", "regular_web",
                "callbacks", array("https://sweep.example.test/cb")));
        api("GET", "/api/v2/clients", null, "page", "0", "per_page", "5", "include_totals", "true", "from", null,
                "take", null);
        api("GET", "/api/v2/clients/{id}", null);
        api("PATCH", "/api/v2/clients/{id}", f -> object("name", "Sweep app", "callbacks",
                array("https://sweep.example.test/callback")));
        api("POST", "/api/v2/clients/{id}/rotate-secret", null);
        destructive(api("DELETE", "/api/v2/clients/{id}", null));
        api("GET", "/api/v2/logs", null, "q", null, "sort", null, "from", null, "take", null, "page", "0", "per_page",
                "5", "include_totals", "true");
        api("GET", "/api/v2/logs/{id}", null);
        put(operation("GET", "/.well-known/jwks.json", Family.AUTH0, Credentials.NONE, BodyKind.NONE, null, Map.of(),
                Map.of()));
        put(operation("GET", "/.well-known/openid-configuration", Family.AUTH0, Credentials.NONE, BodyKind.NONE, null,
                Map.of(), Map.of()));
        put(operation("GET", "/saml/sp/{token}/metadata.xml", Family.AUTH0, Credentials.NONE, BodyKind.NONE, null,
                Map.of(), Map.of()));

        // the SAML ACS: an IdP's form post (no credentials, no CSRF token)
        page("POST", "/saml/sp/acs/{token}", Credentials.NONE, Map.of(), form("SAMLResponse",
                "PHNhbWxwOlJlc3BvbnNlLz4=", "RelayState", "$state"));

        // the token endpoint and userinfo: OAuth's error shape
        put(operation("POST", "/oauth/token", Family.OAUTH, Credentials.NONE, BodyKind.JSON,
                f -> object("grant_type", "client_credentials", "client_id", f.tenant.clientId, "client_secret",
                        f.tenant.clientSecret), Map.of(), Map.of()));
        EXTRA.add(operation("POST", "/oauth/token", Family.OAUTH, Credentials.NONE, BodyKind.FORM, null, Map.of(),
                form("grant_type", "authorization_code", "client_id", "$client", "client_secret", "$client_secret",
                        "code", "nocode", "redirect_uri", "$callback", "code_verifier", "v", "audience", "a", "scope", "s")));
        put(operation("GET", "/userinfo", Family.OAUTH, Credentials.NONE, BodyKind.NONE, null, Map.of(), Map.of()));
        put(operation("POST", "/userinfo", Family.OAUTH, Credentials.NONE, BodyKind.FORM, null, Map.of(),
                form("access_token", "abc.def.ghi")));

        // admin API
        admin("POST", "/admin/v1/tenants", f -> object("name", RobustnessSweepTest.unique("t")));
        admin("GET", "/admin/v1/tenants", null);
        admin("GET", "/admin/v1/tenants/{id}", null);
        admin("POST", "/admin/v1/tenants/{tenantId}/members", f -> object("email",
                RobustnessSweepTest.unique("m") + "@example.com", "password", "correct horse battery staple"));
        admin("GET", "/admin/v1/tenants/{tenantId}/members", null);
        admin("PUT", "/admin/v1/tenants/{tenantId}/members/{memberId}/password",
                f -> object("password", "another correct horse battery"));
        destructive(admin("DELETE", "/admin/v1/tenants/{tenantId}/members/{memberId}", null));

        // LoginRadius family
        manage("POST", "/v2/manage/organizations", f -> object("Name", RobustnessSweepTest.unique("org"), "Display",
                object("Name", "Sweep"), "Metadata", object("k", "v")));
        put(operation("GET", "/v2/manage/organizations", Family.LOGINRADIUS, Credentials.API_KEY, BodyKind.NONE, null,
                form("PageSize", "5", "Cursor", null), Map.of()));
        manage("GET", "/v2/manage/organizations/{orgId}", null);
        manage("PUT", "/v2/manage/organizations/{orgId}", f -> object("Name", "org-" + f.id("org").toLowerCase()
                .replaceAll("[^a-z0-9]", ""), "Metadata", object("k", "v")));
        destructive(manage("PUT", "/v2/manage/organizations/{orgId}/status", f -> object("IsActive", true)));
        destructive(manage("DELETE", "/v2/manage/organizations/{orgId}", null));
        manage("POST", "/v2/manage/organizations/{orgId}/domains", f -> object("DomainName", Orgs.uniqueDomain()));
        manage("GET", "/v2/manage/organizations/{orgId}/domains", null);
        manage("POST", "/v2/manage/organizations/{orgId}/domains/{domainId}", null);
        destructive(manage("DELETE", "/v2/manage/organizations/{orgId}/domains/{domainId}", null));
        manage("POST", "/v2/manage/organizations/{orgId}/connections", f -> json(Orgs.samlByHand(
                RobustnessSweepTest.unique("saml"), f.id("domain_name"))));
        manage("GET", "/v2/manage/organizations/{orgId}/connections", null);
        manage("GET", "/v2/manage/organizations/{orgId}/connections/{connId}", null);
        manage("PUT", "/v2/manage/organizations/{orgId}/connections/{connId}", f -> json(Orgs.samlByHand(
                RobustnessSweepTest.unique("saml"), f.id("domain_name"))));
        destructive(manage("DELETE", "/v2/manage/organizations/{orgId}/connections/{connId}", null));
        manage("POST", "/v2/manage/organizations/{orgId}/setup-links", f -> object("Intents", array("sso")));
        manage("GET", "/v2/manage/organizations/{orgId}/setup-links", null);
        destructive(manage("DELETE", "/v2/manage/organizations/{orgId}/setup-links/{linkId}", null));

        // sign-in pages
        Map<String, String> authorize = form("response_type", "code", "client_id", "$client", "redirect_uri",
                "$callback", "scope", "openid profile", "state", "s", "nonce", "n", "connection", "$connection_name",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256",
                "login_hint", "a@example.com", "prompt", "login");
        put(operation("GET", "/authorize", Family.PAGE, Credentials.NONE, BodyKind.NONE, null, authorize, Map.of()));
        put(operation("POST", "/authorize", Family.PAGE, Credentials.NONE, BodyKind.FORM, null, Map.of(), authorize));
        page("GET", "/u/login/identifier", Credentials.SIGN_IN, form("state", "$state"), null);
        page("POST", "/u/login/identifier", Credentials.SIGN_IN, Map.of(), form("state", "$state", "email", "$email",
                "csrf-token", "$sign_in_csrf"));
        page("GET", "/u/login/password", Credentials.SIGN_IN, form("state", "$state"), null);
        page("POST", "/u/login/password", Credentials.SIGN_IN, Map.of(), form("state", "$state", "email", "$email",
                "password", "wrong password", "csrf-token", "$sign_in_csrf"));
        page("GET", "/u/login/organization", Credentials.SIGN_IN, form("state", "$state"), null);
        page("POST", "/u/login/organization", Credentials.SIGN_IN, Map.of(), form("state", "$state", "connection",
                "$connection_name", "csrf-token", "$sign_in_csrf"));
        page("GET", "/login/callback", Credentials.NONE, form("code", "abc", "state", "$state", "iss",
                "https://idp.example.test/", "error_description", "no"), null);

        // console
        page("GET", "/ui", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/login", Credentials.NONE, Map.of(), null);
        page("POST", "/ui/login", Credentials.CONSOLE, Map.of(), form("email", "nobody@example.com", "password",
                "wrong", "csrf-token", "$console_csrf"));
        destructive(page("POST", "/ui/logout", Credentials.CONSOLE, Map.of(), form("csrf-token", "$console_csrf")));
        page("GET", "/ui/connections", Credentials.CONSOLE, form("strategy", "auth0", "from", "con_0"), null);
        page("GET", "/ui/connections/{id}", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/connections/{id}/sp-metadata.xml", Credentials.CONSOLE, Map.of(), null);
        page("POST", "/ui/connections/{id}/test", Credentials.CONSOLE, Map.of(), form("csrf-token", "$console_csrf"));
        page("GET", "/ui/connections/{id}/test/{resultId}", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/connections/{id}/users", Credentials.CONSOLE, form("email", "a@example.com", "from", "x"), null);
        destructive(page("POST", "/ui/connections/{id}/delete", Credentials.CONSOLE, Map.of(),
                form("csrf-token", "$console_csrf")));
        page("GET", "/ui/jobs", Credentials.CONSOLE, form("from", "job_0"), null);
        page("GET", "/ui/jobs/{id}", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/jobs/{id}/progress", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/jobs/{id}/deletion", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/jobs/{id}/errors.json", Credentials.CONSOLE, Map.of(), null);
        page("GET", "/ui/organizations", Credentials.CONSOLE, form("from", "org_0"), null);
        page("POST", "/ui/organizations", Credentials.CONSOLE, Map.of(), form("name", "sweep-org", "display-name",
                "Sweep", "csrf-token", "$console_csrf"));
        page("GET", "/ui/organizations/{id}", Credentials.CONSOLE, Map.of(), null);
        page("POST", "/ui/organizations/{id}/domains", Credentials.CONSOLE, Map.of(), form("domain-name",
                "sweep.example.com", "csrf-token", "$console_csrf"));
        page("POST", "/ui/organizations/{id}/domains/{domainId}/check", Credentials.CONSOLE, Map.of(),
                form("csrf-token", "$console_csrf"));
        page("POST", "/ui/organizations/{id}/setup-links", Credentials.CONSOLE, Map.of(), form("intent-sso", "on",
                "intent-domain", "on", "ttl-days", "7", "return-url", "https://sweep.example.test/done", "csrf-token",
                "$console_csrf"));
        destructive(page("POST", "/ui/organizations/{id}/setup-links/{linkId}/revoke", Credentials.CONSOLE, Map.of(),
                form("csrf-token", "$console_csrf")));
        page("GET", "/ui/applications", Credentials.CONSOLE, form("from", "x"), null);
        page("GET", "/ui/applications/new", Credentials.CONSOLE, Map.of(), null);
        page("POST", "/ui/applications", Credentials.CONSOLE, Map.of(), form("name", "Sweep app", "app-type",
                "regular_web", "callbacks", "https://sweep.example.test/cb", "csrf-token", "$console_csrf"));
        page("GET", "/ui/applications/{id}", Credentials.CONSOLE, Map.of(), null);
        page("POST", "/ui/applications/{id}", Credentials.CONSOLE, Map.of(), form("name", "Sweep app", "app-type",
                "regular_web", "callbacks", "https://sweep.example.test/callback", "csrf-token", "$console_csrf"));

        // setup portal
        page("GET", "/setup/{token}", Credentials.NONE, Map.of(), null);
        page("GET", "/setup", Credentials.SETUP, Map.of(), null);
        page("GET", "/setup/domain", Credentials.SETUP, Map.of(), null);
        page("POST", "/setup/domain", Credentials.SETUP, Map.of(), form("domain-name", "sweep.example.com",
                "csrf-token", "$setup_csrf"));
        page("POST", "/setup/domain/{domainId}/check", Credentials.SETUP, Map.of(), form("csrf-token", "$setup_csrf"));
        page("GET", "/setup/idp", Credentials.SETUP, Map.of(), null);
        page("GET", "/setup/idp/{kind}", Credentials.SETUP, Map.of(), null);
        page("POST", "/setup/idp/{kind}", Credentials.SETUP, Map.of(), form("name", "sweep-idp", "domain",
                "$domain_name", "metadata-url", "", "metadata-xml", "<x/>", "entity-id", "https://idp.example.test/e",
                "sso-url", "https://idp.example.test/sso", "certificate", "-----BEGIN CERTIFICATE-----", "issuer",
                "https://idp.example.test/", "client-id", "c", "client-secret", "s", "csrf-token", "$setup_csrf"));
        page("GET", "/setup/validate", Credentials.SETUP, Map.of(), null);
        page("POST", "/setup/test", Credentials.SETUP, Map.of(), form("csrf-token", "$setup_csrf"));
        page("GET", "/setup/test/{resultId}", Credentials.SETUP, Map.of(), null);
        destructive(page("POST", "/setup/activate", Credentials.SETUP, Map.of(), form("csrf-token", "$setup_csrf")));
        destructive(page("POST", "/setup/finish", Credentials.SETUP, Map.of(), form("csrf-token", "$setup_csrf")));
        page("GET", "/setup/done", Credentials.SETUP, Map.of(), null);
    }

    static Operation api(String method, String template, Function<Fixtures, JsonNode> body, String... query) {
        return put(operation(method, template, Family.AUTH0, Credentials.BEARER,
                body == null ? BodyKind.NONE : BodyKind.JSON, body, form(query), Map.of()));
    }

    static Operation admin(String method, String template, Function<Fixtures, JsonNode> body) {
        return put(operation(method, template, Family.AUTH0, Credentials.ADMIN,
                body == null ? BodyKind.NONE : BodyKind.JSON, body, Map.of(), Map.of()));
    }

    static Operation manage(String method, String template, Function<Fixtures, JsonNode> body) {
        return put(operation(method, template, Family.LOGINRADIUS, Credentials.API_KEY,
                body == null ? BodyKind.NONE : BodyKind.JSON, body, Map.of(), Map.of()));
    }

    static Operation page(String method, String template, Credentials credentials, Map<String, String> query,
            Map<String, String> form) {
        return put(operation(method, template, Family.PAGE, credentials, form == null ? BodyKind.NONE : BodyKind.FORM,
                null, query, form == null ? Map.of() : form));
    }

    static Operation operation(String method, String template, Family family, Credentials credentials, BodyKind kind,
            Function<Fixtures, JsonNode> body, Map<String, String> query, Map<String, String> form) {
        List<String> pathParams = new ArrayList<>();
        Matcher params = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (params.find()) {
            pathParams.add(params.group(1));
        }
        return new Operation(method, template, family, credentials, pathParams, query, kind, body, form, false);
    }

    static Operation put(Operation operation) {
        ALL.put(operation.key(), operation);
        return operation;
    }

    static Operation destructive(Operation operation) {
        Operation marked = new Operation(operation.method(), operation.template(), operation.family(),
                operation.credentials(), operation.pathParams(), operation.query(), operation.bodyKind(),
                operation.jsonBody(), operation.form(), true);
        return put(marked);
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    static ObjectNode object(Object... pairs) {
        ObjectNode object = RobustnessSweepTest.NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            object.set((String) pairs[i], node(pairs[i + 1]));
        }
        return object;
    }

    static ArrayNode array(Object... values) {
        ArrayNode array = RobustnessSweepTest.NODES.arrayNode();
        for (Object value : values) {
            array.add(node(value));
        }
        return array;
    }

    static JsonNode json(Object value) {
        return RobustnessSweepTest.JSON.valueToTree(value);
    }

    private static JsonNode node(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof Boolean b) {
            return RobustnessSweepTest.NODES.booleanNode(b);
        } else if (value instanceof Number n) {
            return RobustnessSweepTest.NODES.numberNode(n.longValue());
        }
        return RobustnessSweepTest.NODES.textNode(String.valueOf(value));
    }
}
