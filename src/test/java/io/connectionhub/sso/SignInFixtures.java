package io.connectionhub.sso;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import io.connectionhub.page.PageSecurity;
import io.connectionhub.support.TestTenant;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Applications, database connections, users, and a browser that walks the sign-in pages, for the sign-in tests. */
final class SignInFixtures {

    /** The public URL the service is configured with in tests; its redirects to its own pages start with it. */
    static final String PUBLIC_URL = "http://localhost:8080";
    static final String ISSUER = PUBLIC_URL + "/";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInFixtures() {
    }

    /** An application of the tenant: its id, its secret (null for a public client) and its one callback URL. */
    record App(String clientId, String clientSecret, String callback, String name) {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A confidential (regular web) application with one callback. */
    static App webApp(TestTenant tenant) {
        return app(tenant, "regular_web", null);
    }

    /** A single-page application: a public client (no secret, PKCE required). */
    static App spa(TestTenant tenant) {
        return app(tenant, "spa", null);
    }

    static App app(TestTenant tenant, String appType, List<String> grantTypes) {
        String name = unique("app");
        String callback = "https://" + name + ".example.test/callback";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("app_type", appType);
        body.put("callbacks", List.of(callback));
        if (grantTypes != null) {
            body.put("grant_types", grantTypes);
        }
        Response created = tenant.api().body(body).post("/api/v2/clients");
        created.then().statusCode(201);
        return new App(created.path("client_id"), created.path("client_secret"), callback, name);
    }

    /** A database connection enabled for these applications; its name. */
    static String databaseConnection(TestTenant tenant, App... apps) {
        String name = unique("db");
        tenant.api().body(Map.of("name", name, "strategy", "auth0", "enabled_clients",
                java.util.Arrays.stream(apps).map(App::clientId).toList()))
                .post("/api/v2/connections").then().statusCode(201);
        return name;
    }

    /** The id of the tenant's connection of that name. */
    static String connectionId(TestTenant tenant, String name) {
        return tenant.api().queryParam("name", name).get("/api/v2/connections").then().statusCode(200)
                .extract().path("[0].id");
    }

    /** Enables the connection for one more application. */
    static void enable(TestTenant tenant, String connection, App app) {
        tenant.api().body(List.of(Map.of("client_id", app.clientId(), "status", true)))
                .patch("/api/v2/connections/" + connectionId(tenant, connection) + "/clients").then().statusCode(204);
    }

    /** A user of a database connection; its user id. */
    static String user(TestTenant tenant, String connection, String email, String password) {
        return tenant.api().body(Map.of("connection", connection, "email", email, "password", password,
                "given_name", "Ada", "family_name", "Lovelace"))
                .post("/api/v2/users").then().statusCode(201).extract().path("user_id");
    }

    static String email() {
        return unique("user") + "@example.com";
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The query parameters of a URL, decoded (the last value of each). */
    static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    /** The standard parameters of an authorization request of {@code app}, to be changed by a test. */
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

    /** A browser: no automatic redirects, and the CSRF cookie kept between the sign-in pages. */
    static final class Browser {

        private String csrfCookie;

        RequestSpecification request() {
            RequestSpecification request = given().redirects().follow(false);
            if (csrfCookie != null) {
                request.cookie(PageSecurity.CSRF_COOKIE, csrfCookie);
            }
            return request;
        }

        Response authorize(Map<String, String> parameters) {
            return keep(request().queryParams(parameters).get("/authorize"));
        }

        /** GET of a location the service sent; its own URLs are requested from the service under test. */
        Response open(String location) {
            return keep(request().urlEncodingEnabled(false).get(local(location)));
        }

        Response submit(String path, Map<String, String> form) {
            return keep(request().contentType(ContentType.URLENC).formParams(form).post(path));
        }

        /** Fills and posts the form of a page with the fields given (the CSRF token and state taken from the page). */
        Response fill(Response page, Map<String, String> fields) {
            Document document = Jsoup.parse(page.asString());
            var form = document.selectFirst("form");
            Map<String, String> values = new LinkedHashMap<>();
            for (var input : form.select("input[type=hidden]")) {
                values.put(input.attr("name"), input.attr("value"));
            }
            values.putAll(fields);
            return submit(form.attr("action"), values);
        }

        private Response keep(Response response) {
            String cookie = response.cookie(PageSecurity.CSRF_COOKIE);
            if (cookie != null) {
                csrfCookie = cookie;
            }
            return response;
        }

        /** From /authorize to the application's callback with a code, through the password form. */
        String codeThroughPassword(Map<String, String> parameters, String email, String password) {
            Response authorized = authorize(parameters);
            authorized.then().statusCode(302);
            String location = authorized.header("Location");
            Response page = open(location);
            if (location.contains("/u/login/identifier")) {
                page.then().statusCode(200);
                Response routed = fill(page, Map.of("email", email));
                routed.then().statusCode(303);
                page = open(routed.header("Location"));
            }
            page.then().statusCode(200);
            Response signedIn = fill(page, Map.of("email", email, "password", password));
            signedIn.then().statusCode(303);
            String callback = signedIn.header("Location");
            if (!callback.startsWith(parameters.get("redirect_uri"))) {
                throw new AssertionError("expected a redirect to the application, got " + callback);
            }
            String code = query(callback).get("code");
            if (code == null) {
                throw new AssertionError("expected a code, got " + callback);
            }
            return code;
        }
    }

    /** A service URL as a path on the service under test (its public URL differs from the test port). */
    static String local(String location) {
        return location.startsWith(PUBLIC_URL) ? location.substring(PUBLIC_URL.length()) : location;
    }

    /** {@code POST /oauth/token} of a code by a confidential app (client_secret_post). */
    static Response redeem(App app, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", app.clientId());
        if (app.clientSecret() != null) {
            form.put("client_secret", app.clientSecret());
        }
        form.put("code", code);
        form.put("redirect_uri", app.callback());
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return given().contentType(ContentType.URLENC).formParams(form).post("/oauth/token");
    }
}
