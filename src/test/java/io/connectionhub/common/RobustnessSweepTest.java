package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectionhub.organization.OrgProfiles;
import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The robustness sweep (issue 15): every operation of the served OpenAPI document, and every page and sign-in route
 * the document leaves out (a declared list, checked against the resource classes), gets thousands of mutated
 * requests (wrong types, empty, huge, unicode, NUL and lone-surrogate strings, deep nesting, non-object bodies,
 * garbage bytes, odd and foreign ids). No answer may be a 5xx, and every 4xx must be in its family's shape. Fixtures
 * are made through the API so that valid ids exist and mutations reach real code paths. An operation without a
 * recipe fails the test, naming it.
 */
@QuarkusTest
@TestProfile(RobustnessSweepTest.Sweep.class)
class RobustnessSweepTest {

    /**
     * The loopback DNS, and cheap password hashes and SP keys: the sweep creates and signs in users and members and
     * creates SAML connections by the hundred, and 310,000 PBKDF2 rounds or an RSA key each would take most of its
     * time without testing anything more about bad input.
     */
    public static class Sweep extends OrgProfiles.LoopbackDns {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>(super.getConfigOverrides());
            overrides.put("connectionhub.users.password-iterations", "1000");
            overrides.put("connectionhub.saml.sp-key-type", "EC");
            return overrides;
        }
    }

    enum Family {
        AUTH0, LOGINRADIUS, OAUTH, PAGE
    }

    enum Credentials {
        BEARER, ADMIN, API_KEY, CONSOLE, SETUP, SIGN_IN, NONE
    }

    enum BodyKind {
        NONE, JSON, FORM, MULTIPART
    }

    /** One operation to sweep: its route, family, credentials, parameters and body. */
    record Operation(String method, String template, Family family, Credentials credentials, List<String> pathParams,
            Map<String, String> query, BodyKind bodyKind, Function<Fixtures, JsonNode> jsonBody, Map<String, String> form,
            boolean destructive) {

        String key() {
            return method + " " + template;
        }
    }

    /** One request to send. */
    record Probe(Operation operation, String mutation, String method, String uri, Map<String, String> headers,
            byte[] body, boolean chunked) {
    }

    /** The ids and secrets of one tenant's fixtures. */
    static final class Fixtures {
        final TestTenant tenant;
        final Map<String, String> ids = new LinkedHashMap<>();
        String consoleCookies;
        String consoleCsrf;
        String csrfCookie;
        String setupCookies;
        String setupCsrf;
        String signInCookies;

        Fixtures(TestTenant tenant) {
            this.tenant = tenant;
        }

        String id(String name) {
            String value = ids.get(name);
            if (value == null) {
                throw new AssertionError("no fixture named " + name);
            }
            return value;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String RAW = "@@raw@@";
    static final int CONCURRENCY = 8;
    /**
     * An answer later than this counts as none: a request left hanging is a failure too. Generous, because password
     * hashing and SP key generation queue up on a loaded machine.
     */
    static final int TIMEOUT_MILLIS = 30_000;

    /** Path parameter values (already percent-encoded) besides the valid id and the other tenant's id. */
    static final List<String> ODD_PATH_VALUES = List.of("%00", "a%00b", "%C0%80", "%E2%9C%93%F0%9D%84%9E%20%E6%97%A5",
            "%FF%FE", "%ED%A0%80", "%2E%2E%2F%2E%2E", "%2F", "%20", "-1", "0", "null", "con_0000000000000000",
            "%25", "'%20OR%201=1--", "%0D%0A", "x".repeat(1500), "%E2%80%AE");

    /** Query parameter values (already percent-encoded). */
    static final List<String> ODD_QUERY_VALUES = List.of("%00", "a%00b", "", "-1", "0", "99999999999999999999",
            "abc", "true", "%FF", "%ED%A0%80", "%C0%80", "%E2%9C%93%F0%9D%84%9E", "x".repeat(1500), "[]", "%0D%0A",
            "%25");

    /** Form field values (already percent-encoded). */
    static final List<String> ODD_FORM_VALUES = List.of("%00", "a%00b", "", "%FF%FE", "%ED%A0%80", "%C0%80",
            "%E2%9C%93%F0%9D%84%9E", "x".repeat(100_000), "-1", "%0D%0A", "' OR 1=1 --");

    /** JSON values put in place of one property (raw JSON text). */
    static final List<String> ODD_JSON_VALUES = List.of("null", "12345", "-1", "1.5", "true", "{}", "[]", "\"\"",
            quoted("x".repeat(60_000)), quoted("Ünïcødé ✓ 𝄞 日本語 \u202e"), "\"a\\u0000b\"", "\"\\u0000\"",
            "\"\\ud800\"", "\"x\\udfffy\"", "[".repeat(600) + "]".repeat(600), "{\"a\":".repeat(300) + "1" + "}".repeat(300),
            "1e400", "99999999999999999999999999", "\"\\u0001\\u001f\"", "{\"k\\u0000\":\"v\"}", "[\"a\\u0000\"]",
            "\"' OR 1=1 --\"", "{\"\\ud800\":1}", "[null, {}, \"\\u0000\"]");

    @Test
    void everyOperationAnswersMutatedInputWithoutA5xxAndInItsFamilysShape() throws Exception {
        long started = System.nanoTime();
        Fixtures mine = seed(TestTenant.create(), true);
        Fixtures theirs = seed(TestTenant.create(), false);

        JsonNode document = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Operation> operations = new LinkedHashMap<>();
        List<String> withoutRecipe = new ArrayList<>();
        // the test sources' own probe resources (deliberate failures) are not the product
        Set<String> testScaffolding = routesOfResourceClasses(Paths.get("target/test-classes"));
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                String key = method.getKey().toUpperCase() + " " + path.getKey();
                if (testScaffolding.contains(key)) {
                    continue;
                }
                Operation recipe = SweepRecipes.ALL.get(key);
                if (recipe == null) {
                    withoutRecipe.add(key);
                } else {
                    operations.put(key, withDocumentedParameters(recipe, method.getValue(), document));
                }
            }
        }
        List<String> undocumentedUndeclared = new ArrayList<>();
        for (String route : routesOfResourceClasses(Paths.get("target/classes"))) {
            if (!operations.containsKey(route)) {
                Operation declared = SweepRecipes.ALL.get(route);
                if (declared == null) {
                    undocumentedUndeclared.add(route);
                } else {
                    operations.put(route, declared);
                }
            }
        }
        if (!withoutRecipe.isEmpty() || !undocumentedUndeclared.isEmpty()) {
            fail("Operations not swept: " + withoutRecipe + " (in the OpenAPI document, no recipe in "
                    + "SweepRecipes); " + undocumentedUndeclared
                    + " (routes of resource classes neither documented nor declared)");
        }

        List<Operation> swept = new ArrayList<>(operations.values());
        swept.addAll(SweepRecipes.EXTRA);
        List<Probe> probes = new ArrayList<>();
        List<Probe> last = new ArrayList<>();
        for (Operation operation : swept) {
            List<Probe> generated = mutations(operation, mine, theirs);
            (operation.destructive() ? last : probes).addAll(generated);
        }
        probes.addAll(last);
        Map<String, List<String>> failures = new TreeMap<>();
        Map<Integer, AtomicInteger> perStatus = new TreeMap<>();
        Map<String, Map<Integer, AtomicInteger>> perOperation = new TreeMap<>();
        run(probes, (probe, status, contentType, body) -> {
            synchronized (perStatus) {
                perStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                perOperation.computeIfAbsent(probe.operation().key(), k -> new TreeMap<>())
                        .computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }
            String problem = problem(probe.operation().family(), status, contentType, body);
            if (problem != null) {
                synchronized (failures) {
                    failures.computeIfAbsent(probe.operation().key(), k -> new ArrayList<>())
                            .add(probe.mutation() + " -> " + problem);
                }
            }
        }, (probe, status, contentType, cause) -> {
            synchronized (failures) {
                failures.computeIfAbsent(probe.operation().key(), k -> new ArrayList<>())
                        .add(probe.mutation() + " -> no answer: " + abbreviate(cause));
            }
        });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        StringBuilder report = new StringBuilder("Robustness sweep: ").append(probes.size()).append(" requests over ")
                .append(swept.size()).append(" operations in ").append(millis).append(" ms\n  per status: ")
                .append(perStatus).append('\n');
        perOperation.forEach((operation, statuses) -> report.append("  ").append(operation).append(": ")
                .append(statuses).append('\n'));
        report.append("  slowest operations (ms waited for all their answers): ");
        LATENCY.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(8)
                .forEach(entry -> report.append(entry.getKey()).append('=').append(entry.getValue()).append("; "));
        report.append('\n');
        System.out.println(report);
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder("Answers that break the rules:\n");
            failures.forEach((operation, problems) -> {
                message.append(operation).append(" (").append(problems.size()).append(")\n");
                problems.stream().limit(12).forEach(p -> message.append("    ").append(p).append('\n'));
            });
            fail(message.toString());
        }
        assertTrue(probes.size() >= 5_000, "at least 5,000 requests, got " + probes.size());
    }

    /**
     * A URI over {@code connectionhub.http.max-uri-length} (4096) and a header block over
     * {@code connectionhub.http.max-header-size} (20K) get 414 and 431 in each family's shape; the HTTP server's own
     * limits (16K, 64K) sit above them.
     */
    @Test
    void overLongUriAndHeadersGetTheFamilysShape() {
        TestTenant tenant = TestTenant.create();
        Map<String, Family> paths = new LinkedHashMap<>();
        paths.put("/api/v2/connections", Family.AUTH0);
        paths.put("/v2/manage/organizations", Family.LOGINRADIUS);
        paths.put("/oauth/token", Family.OAUTH);
        paths.put("/userinfo", Family.OAUTH);
        paths.put("/ui/connections", Family.PAGE);
        paths.put("/u/login/password", Family.PAGE);
        for (Map.Entry<String, Family> path : paths.entrySet()) {
            Response longUri = given().auth().oauth2(tenant.token()).urlEncodingEnabled(false)
                    .get(path.getKey() + "?q=" + "x".repeat(5000));
            assertTrue(longUri.statusCode() == 414, path.getKey() + ": " + longUri.statusCode());
            String problem = problem(path.getValue(), 414, longUri.contentType(), longUri.asString());
            assertTrue(problem == null, path.getKey() + ": " + problem);
            Response bigHeaders = given().auth().oauth2(tenant.token()).header("X-Padding", "y".repeat(12_000))
                    .header("X-More-Padding", "z".repeat(12_000)).get(path.getKey());
            assertTrue(bigHeaders.statusCode() == 431, path.getKey() + ": " + bigHeaders.statusCode());
            problem = problem(path.getValue(), 431, bigHeaders.contentType(), bigHeaders.asString());
            assertTrue(problem == null, path.getKey() + ": " + problem);
        }
    }

    /**
     * A client that waits for {@code 100 Continue} before sending its JSON body (curl does for large bodies) gets it:
     * the guard reads JSON bodies itself now, so it must say so; a NUL in that body is then refused as usual.
     */
    @Test
    void aBodyAfter100ContinueIsReadAndChecked() throws Exception {
        TestTenant tenant = TestTenant.create();
        byte[] body = "{\"name\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v2/clients HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String interim = in.readLine();
            assertTrue(interim != null && interim.startsWith("HTTP/1.1 100"), "expected 100 Continue, got " + interim);
            out.write(body);
            out.flush();
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("HTTP/1.1 4") && !line.startsWith("HTTP/1.1 2")
                    && !line.startsWith("HTTP/1.1 5"));
            assertTrue(line != null && line.startsWith("HTTP/1.1 400"), "expected 400, got " + line);
            StringBuilder rest = new StringBuilder();
            while ((line = in.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertTrue(rest.toString().contains("\"errorCode\":\"invalid_body\""), rest.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------- shapes

    /** Why an answer breaks the rules, or null: never a 5xx, and every 4xx in the family's shape. */
    static String problem(Family family, int status, String contentType, String body) {
        if (status >= 500) {
            return status + " " + abbreviate(body);
        }
        if (status < 400) {
            return null;
        }
        if (family == Family.PAGE) {
            return contentType != null && contentType.startsWith("text/html") && body.contains("role=\"alert\"") ? null
                    : status + " not an HTML error page: " + contentType + " " + abbreviate(body);
        }
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            error = null;
        }
        if (error == null || !error.isObject() || contentType == null || !contentType.startsWith("application/json")) {
            return status + " not a JSON object: " + contentType + " " + abbreviate(body);
        }
        boolean shaped = switch (family) {
            case AUTH0 -> error.path("statusCode").asInt() == status && error.path("error").isTextual()
                    && error.path("message").isTextual() && error.path("errorCode").isTextual();
            case LOGINRADIUS -> error.path("ErrorCode").isInt() && error.path("Message").isTextual()
                    && error.path("Description").isTextual();
            case OAUTH -> error.path("error").isTextual() && error.path("error_description").isTextual();
            case PAGE -> true;
        };
        return shaped ? null : status + " not in the " + family + " shape: " + abbreviate(body);
    }

    static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    // ------------------------------------------------------------------------------------------- mutations

    static List<Probe> mutations(Operation operation, Fixtures mine, Fixtures theirs) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> validPath = new LinkedHashMap<>();
        Map<String, String> foreignPath = new LinkedHashMap<>();
        for (String param : operation.pathParams()) {
            validPath.put(param, encode(mine.id(SweepRecipes.fixtureOf(operation.template(), param))));
            String foreign = theirs.ids.get(SweepRecipes.fixtureOf(operation.template(), param));
            foreignPath.put(param, foreign == null ? "zz_unknown" : encode(foreign));
        }
        Map<String, String> query = new LinkedHashMap<>();
        operation.query().forEach((name, value) -> query.put(name, resolve(value, mine)));
        Map<String, String> form = new LinkedHashMap<>();
        operation.form().forEach((name, value) -> form.put(name, resolve(value, mine)));

        // valid, then each path parameter changed (another tenant's id, odd values)
        probes.add(probe(operation, "valid", mine, validPath, query, form, null));
        for (String param : operation.pathParams()) {
            List<String> values = new ArrayList<>(ODD_PATH_VALUES);
            values.add(0, foreignPath.get(param));
            for (String value : values) {
                Map<String, String> path = new LinkedHashMap<>(validPath);
                path.put(param, value);
                probes.add(probe(operation, "path " + param + "=" + clip(value), mine, path, query, form, null));
            }
        }
        // each query parameter changed, and an unknown one
        Map<String, String> queryNames = new LinkedHashMap<>(query);
        queryNames.putIfAbsent("unknown_parameter", null);
        for (String name : queryNames.keySet()) {
            for (String value : ODD_QUERY_VALUES) {
                Map<String, String> changed = new LinkedHashMap<>(query);
                changed.put(name, value);
                probes.add(probe(operation, "query " + name + "=" + clip(value), mine, validPath, changed, form, null));
            }
        }
        // the body: each property changed, then whole bodies
        if (operation.bodyKind() == BodyKind.JSON) {
            JsonNode base = operation.jsonBody().apply(mine);
            for (String pointer : pointers(base)) {
                for (String value : ODD_JSON_VALUES) {
                    probes.add(jsonProbe(operation, "body " + pointer + "=" + clip(value), mine, validPath, query,
                            replaced(base, pointer, value)));
                }
            }
            for (Map.Entry<String, byte[]> whole : wholeJsonBodies().entrySet()) {
                probes.add(rawProbe(operation, "body " + whole.getKey(), mine, validPath, query, "application/json",
                        whole.getValue(), false));
            }
            probes.add(rawProbe(operation, "body as text/plain", mine, validPath, query, "text/plain",
                    base.toString().getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "body as xml", mine, validPath, query, "application/xml",
                    "<a>\u0000</a>".getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "body as form", mine, validPath, query, "application/x-www-form-urlencoded",
                    "a=%00".getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "body without type", mine, validPath, query, null,
                    base.toString().getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "body over the limit", mine, validPath, query, "application/json",
                    ("\"" + "x".repeat(1_200_000) + "\"").getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "chunked body over the limit", mine, validPath, query, "application/json",
                    ("[\"" + "x".repeat(1_200_000) + "\"]").getBytes(StandardCharsets.UTF_8), true));
        } else if (operation.bodyKind() == BodyKind.FORM) {
            for (String name : form.keySet()) {
                if (name.equals("csrf-token")) {
                    continue;
                }
                for (String value : ODD_FORM_VALUES) {
                    Map<String, String> changed = new LinkedHashMap<>(form);
                    changed.put(name, value);
                    probes.add(probe(operation, "form " + name + "=" + clip(value), mine, validPath, query, changed,
                            null));
                }
            }
            Map<String, String> extra = new LinkedHashMap<>(form);
            extra.put("unknown%00field", "%00");
            probes.add(probe(operation, "form unknown field with NUL", mine, validPath, query, extra, null));
            String formText = formText(form);
            probes.add(rawProbe(operation, "form with a bad escape", mine, validPath, query,
                    "application/x-www-form-urlencoded", (formText + "&x=%zz%").getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "form of garbage bytes", mine, validPath, query,
                    "application/x-www-form-urlencoded", garbage(2048, 7), false));
            probes.add(rawProbe(operation, "form as JSON", mine, validPath, query, "application/json",
                    "{\"a\":\"\\u0000\"}".getBytes(StandardCharsets.UTF_8), false));
            probes.add(rawProbe(operation, "form without type", mine, validPath, query, null,
                    formText.getBytes(StandardCharsets.UTF_8), false));
            byte[] big = (formText + "&big=" + "x".repeat(1_200_000)).getBytes(StandardCharsets.UTF_8);
            probes.add(rawProbe(operation, "form over the limit", mine, validPath, query,
                    "application/x-www-form-urlencoded", big, false));
            probes.add(rawProbe(operation, "chunked form over the limit", mine, validPath, query,
                    "application/x-www-form-urlencoded", big, true));
        } else if (operation.bodyKind() == BodyKind.MULTIPART) {
            for (Map.Entry<String, byte[]> whole : multipartBodies(mine).entrySet()) {
                probes.add(rawProbe(operation, "multipart " + whole.getKey(), mine, validPath, query,
                        "multipart/form-data; boundary=sweep", whole.getValue(), false));
            }
            probes.add(rawProbe(operation, "multipart without boundary", mine, validPath, query,
                    "multipart/form-data", garbage(512, 3), false));
            probes.add(rawProbe(operation, "multipart as JSON", mine, validPath, query, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), false));
        } else {
            probes.add(rawProbe(operation, "unexpected garbage body", mine, validPath, query, "application/json",
                    garbage(512, 5), false));
            probes.add(rawProbe(operation, "unexpected form body", mine, validPath, query,
                    "application/x-www-form-urlencoded", "a=%00&b=%zz".getBytes(StandardCharsets.UTF_8), false));
        }
        // credentials: none, malformed, and (for the Auth0 family) another tenant's
        if (operation.credentials() == Credentials.BEARER) {
            probes.add(probe(operation, "another tenant's token", theirs, validPath, query, form, null));
            probes.add(withHeader(probe(operation, "malformed token", mine, validPath, query, form, null),
                    "Authorization", "Bearer abc.def.ghi"));
            probes.add(withHeader(probe(operation, "basic credentials", mine, validPath, query, form, null),
                    "Authorization", "Basic %%%"));
        }
        return probes;
    }

    static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
    }

    static String resolve(String value, Fixtures fixtures) {
        if (value != null && value.startsWith("$")) {
            return encode(fixtures.id(value.substring(1)));
        }
        return value == null ? null : encode(value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Probe probe(Operation operation, String mutation, Fixtures fixtures, Map<String, String> path,
            Map<String, String> query, Map<String, String> form, byte[] body) {
        if (operation.bodyKind() == BodyKind.JSON) {
            return jsonProbe(operation, mutation, fixtures, path, query, operation.jsonBody().apply(fixtures).toString());
        }
        if (operation.bodyKind() == BodyKind.FORM) {
            return rawProbe(operation, mutation, fixtures, path, query, "application/x-www-form-urlencoded",
                    formText(form).getBytes(StandardCharsets.UTF_8), false);
        }
        if (operation.bodyKind() == BodyKind.MULTIPART) {
            return rawProbe(operation, mutation, fixtures, path, query, "multipart/form-data; boundary=sweep",
                    multipartBodies(fixtures).get("valid"), false);
        }
        return rawProbe(operation, mutation, fixtures, path, query, null, body, false);
    }

    static Probe jsonProbe(Operation operation, String mutation, Fixtures fixtures, Map<String, String> path,
            Map<String, String> query, String json) {
        return rawProbe(operation, mutation, fixtures, path, query, "application/json",
                json.getBytes(StandardCharsets.UTF_8), false);
    }

    static Probe rawProbe(Operation operation, String mutation, Fixtures fixtures, Map<String, String> path,
            Map<String, String> query, String contentType, byte[] body, boolean chunked) {
        String uri = operation.template();
        for (Map.Entry<String, String> param : path.entrySet()) {
            uri = uri.replace("{" + param.getKey() + "}", param.getValue());
        }
        Map<String, String> allQuery = new LinkedHashMap<>(query);
        Map<String, String> headers = new LinkedHashMap<>();
        switch (operation.credentials()) {
            case BEARER -> headers.put("Authorization", "Bearer " + fixtures.tenant.token());
            case ADMIN -> headers.put("Authorization", "Bearer " + TestTenant.ADMIN_TOKEN);
            case API_KEY -> {
                allQuery.put("apikey", fixtures.tenant.apiKey);
                allQuery.put("apisecret", fixtures.tenant.apiSecret);
            }
            case CONSOLE -> headers.put("Cookie", fixtures.consoleCookies);
            case SETUP -> headers.put("Cookie", fixtures.setupCookies);
            case SIGN_IN -> headers.put("Cookie", fixtures.signInCookies);
            case NONE -> {
            }
        }
        StringBuilder text = new StringBuilder();
        allQuery.forEach((name, value) -> {
            if (value != null) {
                text.append(text.isEmpty() ? "" : "&").append(name).append('=').append(value);
            }
        });
        if (!text.isEmpty()) {
            uri += "?" + text;
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Probe(operation, mutation, operation.method(), uri, headers, body, chunked);
    }

    static Probe withHeader(Probe probe, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(probe.headers());
        headers.put(name, value);
        return new Probe(probe.operation(), probe.mutation(), probe.method(), probe.uri(), headers, probe.body(),
                probe.chunked());
    }

    static String formText(Map<String, String> form) {
        StringBuilder text = new StringBuilder();
        form.forEach((name, value) -> text.append(text.isEmpty() ? "" : "&").append(name).append('=')
                .append(value == null ? "" : value));
        return text.toString();
    }

    /** JSON pointers of the properties of an object body, one level into nested objects and arrays of objects. */
    static List<String> pointers(JsonNode body) {
        List<String> pointers = new ArrayList<>();
        if (body.isArray()) {
            pointers.add("/0");
            if (body.size() > 0 && body.get(0).isObject()) {
                body.get(0).fieldNames().forEachRemaining(name -> pointers.add("/0/" + name));
            }
            return pointers;
        }
        body.fields().forEachRemaining(field -> {
            pointers.add("/" + field.getKey());
            if (field.getValue().isObject()) {
                field.getValue().fieldNames().forEachRemaining(name -> pointers.add("/" + field.getKey() + "/" + name));
            }
        });
        pointers.add("/unknown_property");
        return pointers;
    }

    /** The body's JSON text with the value at {@code pointer} replaced by raw JSON text. */
    static String replaced(JsonNode base, String pointer, String rawValue) {
        JsonNode copy = base.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.put(name, RAW);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), NODES.textNode(RAW));
        }
        return copy.toString().replace("\"" + RAW + "\"", rawValue);
    }

    static Map<String, byte[]> wholeJsonBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("[]", "[1,2]", "\"a string\"", "42", "null", "true", "{", "{\"a\":}", "", "{}",
                "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "\"\\u0000\"", "[\"\\u0000\"]", "\"\\ud800\"", "1e99999",
                "[".repeat(100_000), "{\"a\":".repeat(20_000), "\uFEFF{}", "{\"\\u0000\":\"\\u0000\"}")) {
            bodies.put(clip(text), text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("garbage bytes", garbage(4096, 1));
        bodies.put("raw NUL in a string", "{\"a\":\"x\u0000y\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8 in a string", concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0x80 }, "\"}".getBytes(StandardCharsets.UTF_8)));
        bodies.put("UTF-16", "{\"name\":\"\u0000\"}".getBytes(StandardCharsets.UTF_16));
        bodies.put("UTF-32 look-alike", new byte[] { 0, 0, 0, '{', 0, 0, 0, '}' });
        return bodies;
    }

    static Map<String, byte[]> multipartBodies(Fixtures fixtures) {
        String connection = fixtures.ids.getOrDefault("connection", "con_x");
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("valid", multipart(Map.of("connection_id", connection), "[{\"email\":\"a@example.com\"}]"));
        bodies.put("NUL connection", multipart(Map.of("connection_id", "con_\u0000"), "[]"));
        bodies.put("NUL in users", multipart(Map.of("connection_id", connection),
                "[{\"email\":\"a\\u0000@example.com\",\"name\":\"\\u0000\"}]"));
        bodies.put("lone surrogate in users", multipart(Map.of("connection_id", connection),
                "[{\"email\":\"b@example.com\",\"name\":\"\\ud800\"}]"));
        bodies.put("users not JSON", multipart(Map.of("connection_id", connection), "\u0000\u0001garbage"));
        bodies.put("users an object", multipart(Map.of("connection_id", connection), "{\"a\":1}"));
        bodies.put("deep users", multipart(Map.of("connection_id", connection), "[".repeat(5000)));
        bodies.put("other fields", multipart(Map.of("connection_id", connection, "upsert", "%00",
                "send_completion_email", "maybe", "external_id", "\u0000"), "[]"));
        bodies.put("no parts", "--sweep--\r\n".getBytes(StandardCharsets.UTF_8));
        bodies.put("garbage", garbage(1024, 11));
        return bodies;
    }

    static byte[] multipart(Map<String, String> fields, String users) {
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append("--sweep\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n"));
        text.append("--sweep\r\nContent-Disposition: form-data; name=\"users\"; filename=\"users.json\"\r\n")
                .append("Content-Type: application/json\r\n\r\n").append(users).append("\r\n--sweep--\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] garbage(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- the document

    /** The recipe with the query parameters and JSON body the document declares (the recipe's values win). */
    static Operation withDocumentedParameters(Operation recipe, JsonNode operation, JsonNode document) {
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = resolve(parameter, document);
            if ("query".equals(resolved.path("in").asText())) {
                query.put(resolved.path("name").asText(), sample(resolve(resolved.path("schema"), document), document)
                        .asText());
            }
        }
        query.putAll(recipe.query());
        BodyKind kind = recipe.bodyKind();
        Function<Fixtures, JsonNode> body = recipe.jsonBody();
        JsonNode content = operation.path("requestBody").path("content");
        if (kind == BodyKind.NONE && content.has("application/json")) {
            kind = BodyKind.JSON;
            JsonNode schema = content.path("application/json").path("schema");
            body = fixtures -> sample(resolve(schema, document), document);
        }
        return new Operation(recipe.method(), recipe.template(), recipe.family(), recipe.credentials(),
                recipe.pathParams(), query, kind, body, recipe.form(), recipe.destructive());
    }

    static JsonNode resolve(JsonNode node, JsonNode document) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    /** A value of the schema: its example, its first enum value, or one made from its type. */
    static JsonNode sample(JsonNode schema, JsonNode document) {
        if (schema.has("examples") && schema.path("examples").isArray() && schema.path("examples").size() > 0) {
            return schema.path("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.path("example");
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(property -> object.set(property.getKey(),
                        sample(resolve(property.getValue(), document), document)));
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(resolve(schema.path("items"), document), document));
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode("sweep-" + UUID.randomUUID().toString().substring(0, 8));
            }
        }
    }

    /**
     * Every route of the application's resource classes (from their {@code @Path} and method annotations), so that a
     * route left out of the document and of the declared list cannot go unswept.
     */
    static Set<String> routesOfResourceClasses(Path classes) throws IOException, ClassNotFoundException {
        Set<String> routes = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            if (!name.startsWith("io.connectionhub.") || name.contains("$")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, RobustnessSweepTest.class.getClassLoader());
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET"
                        : method.isAnnotationPresent(POST.class) ? "POST"
                        : method.isAnnotationPresent(PUT.class) ? "PUT"
                        : method.isAnnotationPresent(PATCH.class) ? "PATCH"
                        : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                if (path.length() > 1 && path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                routes.add(verb + " " + path);
            }
        }
        return routes;
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\"\\s+value=\"([^\"]+)\"");

    /** A tenant with one of each object, made through the API; with sign-in, console and setup sessions if asked. */
    static Fixtures seed(TestTenant tenant, boolean sessions) {
        Fixtures fixtures = new Fixtures(tenant);
        Map<String, String> ids = fixtures.ids;
        ids.put("tenant", tenant.id);
        String callback = "https://sweep.example.test/callback";
        Response client = tenant.api().body(Map.of("name", unique("app"), "app_type", "regular_web", "callbacks",
                List.of(callback))).post("/api/v2/clients");
        client.then().statusCode(201);
        ids.put("client", client.path("client_id"));
        ids.put("client_secret", client.path("client_secret"));
        ids.put("callback", callback);
        String connectionName = unique("db");
        ids.put("connection_name", connectionName);
        ids.put("connection", tenant.api().body(Map.of("name", connectionName, "strategy", "auth0", "enabled_clients",
                List.of(ids.get("client")))).post("/api/v2/connections").then().statusCode(201).extract().path("id"));
        String email = unique("user") + "@example.com";
        ids.put("email", email);
        ids.put("user", tenant.api().body(Map.of("connection", connectionName, "email", email, "password",
                "Sweep-password-1")).post("/api/v2/users").then().statusCode(201).extract().path("user_id"));
        ids.put("job", given().auth().oauth2(tenant.token()).multiPart("connection_id", ids.get("connection"))
                .multiPart("users", "users.json", "[{\"email\":\"imported@example.com\"}]".getBytes(StandardCharsets.UTF_8))
                .post("/api/v2/jobs/users-imports").then().statusCode(202).extract().path("id"));
        String orgId = Orgs.create(tenant);
        ids.put("org", orgId);
        String domain = Orgs.verifiedDomain(tenant, orgId);
        ids.put("domain_name", domain);
        JsonPath domains = tenant.manage().get("/v2/manage/organizations/" + orgId + "/domains").then().statusCode(200)
                .extract().jsonPath();
        ids.put("domain", domains.getString("Data[0].Id"));
        JsonPath saml = Orgs.createSaml(tenant, orgId, unique("saml"), domain);
        ids.put("org_connection", saml.getString("Id"));
        String metadataUrl = saml.getString("MetadataUrl");
        ids.put("sp_token", metadataUrl.replaceAll(".*/saml/sp/([^/]+)/metadata.xml$", "$1"));
        JsonPath link = tenant.manage().body(Map.of("Intents", List.of("sso", "domain_verification")))
                .post("/v2/manage/organizations/" + orgId + "/setup-links").then().statusCode(201).extract().jsonPath();
        ids.put("setup_link", link.getString("Id"));
        String setupPath = URI.create(link.getString("Url")).getPath();
        ids.put("setup_token", setupPath.substring(setupPath.lastIndexOf('/') + 1));
        String memberEmail = unique("admin") + "@example.com";
        ids.put("member", given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", memberEmail, "password", "correct horse battery staple"))
                .post("/admin/v1/tenants/" + tenant.id + "/members").then().statusCode(201).extract().path("id"));
        ids.put("member_email", memberEmail);
        ids.put("member_to_change", given().auth().oauth2(TestTenant.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", unique("other") + "@example.com", "password", "correct horse battery staple"))
                .post("/admin/v1/tenants/" + tenant.id + "/members").then().statusCode(201).extract().path("id"));
        ids.put("kind", "okta");
        ids.put("test_result", "sweepTestResult0123456789abcdef"); // well-formed, never issued
        // a failed sign-in writes a log event
        Response authorize = given().redirects().follow(false).queryParam("response_type", "code")
                .queryParam("client_id", ids.get("client")).queryParam("redirect_uri", callback)
                .queryParam("scope", "openid").queryParam("state", "s").queryParam("nonce", "n")
                .queryParam("connection", connectionName).get("/authorize");
        authorize.then().statusCode(302);
        String location = authorize.header("Location");
        Matcher state = Pattern.compile("[?&]state=([^&]+)").matcher(location);
        assertTrue(state.find(), location);
        ids.put("state", URLDecoder.decode(state.group(1), StandardCharsets.UTF_8));
        String csrfCookie = authorize.cookie("hub_csrf");
        Response loginPage = given().cookie("hub_csrf", csrfCookie == null ? "" : csrfCookie)
                .queryParam("state", ids.get("state")).get("/u/login/password");
        String signInCsrfCookie = loginPage.cookie("hub_csrf") != null ? loginPage.cookie("hub_csrf") : csrfCookie;
        fixtures.signInCookies = "hub_csrf=" + signInCsrfCookie;
        Matcher signInCsrf = CSRF_FIELD.matcher(loginPage.asString());
        ids.put("sign_in_csrf", signInCsrf.find() ? signInCsrf.group(1) : "none");
        given().redirects().follow(false).cookie("hub_csrf", signInCsrfCookie).formParam("state", ids.get("state"))
                .formParam("email", email).formParam("password", "wrong").formParam("csrf-token", ids.get("sign_in_csrf"))
                .post("/u/login/password");
        String logId = tenant.api().get("/api/v2/logs").then().statusCode(200).extract().path("[0].log_id");
        ids.put("log", logId == null ? "90000000000000000000000000000000" : logId);
        if (sessions) {
            consoleSession(fixtures, memberEmail);
            setupSession(fixtures);
        }
        return fixtures;
    }

    static void consoleSession(Fixtures fixtures, String email) {
        Response form = given().redirects().follow(false).get("/ui/login");
        String csrfCookie = form.cookie("hub_csrf");
        Matcher token = CSRF_FIELD.matcher(form.asString());
        assertTrue(token.find(), "CSRF token on /ui/login");
        fixtures.consoleCsrf = token.group(1);
        Response signedIn = given().redirects().follow(false).cookie("hub_csrf", csrfCookie)
                .formParam("csrf-token", fixtures.consoleCsrf).formParam("email", email)
                .formParam("password", "correct horse battery staple").post("/ui/login");
        signedIn.then().statusCode(303);
        fixtures.csrfCookie = csrfCookie;
        fixtures.consoleCookies = "hub_csrf=" + csrfCookie + "; hub_console=" + signedIn.cookie("hub_console");
        fixtures.ids.put("console_csrf", fixtures.consoleCsrf);
    }

    static void setupSession(Fixtures fixtures) {
        Response opened = given().redirects().follow(false).get("/setup/" + fixtures.id("setup_token"));
        opened.then().statusCode(303);
        String session = opened.cookie("hub_setup");
        given().redirects().follow(false).cookie("hub_setup", session).get("/setup").then().statusCode(200);
        // a form token is the MAC of the CSRF cookie, whichever page set it: the console's pair serves here too
        fixtures.setupCsrf = fixtures.consoleCsrf;
        fixtures.setupCookies = "hub_setup=" + session + "; hub_csrf=" + fixtures.csrfCookie;
        fixtures.ids.put("setup_csrf", fixtures.setupCsrf);
        // a second link, opened by the sweep's own mutations of GET /setup/{token}
        JsonPath link = fixtures.tenant.manage().body(Map.of("Intents", List.of("sso")))
                .post("/v2/manage/organizations/" + fixtures.id("org") + "/setup-links").then().statusCode(201)
                .extract().jsonPath();
        String path = URI.create(link.getString("Url")).getPath();
        fixtures.ids.put("setup_token", path.substring(path.lastIndexOf('/') + 1));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    // ------------------------------------------------------------------------------------------------- sending

    interface Answer {
        void accept(Probe probe, int status, String contentType, String body);
    }

    /** Milliseconds spent waiting for each operation's answers, for the report. */
    static final Map<String, AtomicLong> LATENCY = new ConcurrentHashMap<>();

    /** Sends every probe, {@link #CONCURRENCY} at a time, over one Vert.x client that sends URIs as given. */
    static void run(List<Probe> probes, Answer answer, Answer noAnswer) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(CONCURRENCY)
                    .setDefaultHost("localhost").setDefaultPort(RestAssured.port).setKeepAlive(true)
                    .setMaxInitialLineLength(65536));
            Semaphore inFlight = new Semaphore(CONCURRENCY);
            for (Probe probe : probes) {
                inFlight.acquire();
                long sent = System.nanoTime();
                send(client, probe).onComplete(result -> {
                    LATENCY.computeIfAbsent(probe.operation().key(), k -> new AtomicLong())
                            .addAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                    try {
                        if (result.succeeded()) {
                            Answered answered = result.result();
                            answer.accept(probe, answered.status(), answered.contentType(), answered.body());
                        } else {
                            noAnswer.accept(probe, 0, null, String.valueOf(result.cause()));
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(CONCURRENCY);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    record Answered(int status, String contentType, String body) {
    }

    static Future<Answered> send(HttpClient client, Probe probe) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(probe.method())).setURI(probe.uri())
                .setTimeout(TIMEOUT_MILLIS);
        return client.request(options).compose(request -> {
            probe.headers().forEach(request::putHeader);
            Future<io.vertx.core.http.HttpClientResponse> response;
            if (probe.chunked()) {
                request.setChunked(true);
                byte[] body = probe.body();
                for (int at = 0; at < body.length; at += 65536) {
                    request.write(Buffer.buffer(Arrays.copyOfRange(body, at, Math.min(body.length, at + 65536))));
                }
                request.end();
                response = request.response();
            } else if (probe.body() != null) {
                response = request.send(Buffer.buffer(probe.body()));
            } else {
                response = request.send();
            }
            return response.compose(answer -> answer.body().map(body -> new Answered(answer.statusCode(),
                    answer.getHeader("Content-Type"), body.toString(StandardCharsets.UTF_8))));
        });
    }
}
