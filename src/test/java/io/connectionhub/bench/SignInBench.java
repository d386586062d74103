package io.connectionhub.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.saml.TestIdp;

/**
 * The load side of {@code bench/signin.sh}: an identity provider independent of the service (the tests'
 * {@link TestIdp}, which signs with Apache Santuario) and a client that goes through the management API, /authorize,
 * the ACS, /oauth/token and /userinfo over plain HTTP, as an application and a browser would.
 *
 * <pre>
 * SignInBench acs  BASE TOKEN COUNT FILE          a tenant's client and samlp connection allowing IdP-initiated
 *                                                 sign-in; COUNT distinct signed responses written to FILE as form
 *                                                 bodies, one a line; prints ACS_PATH=... and CALLBACK=...
 * SignInBench flow BASE TOKEN CONCURRENCY WARMUP_S SECONDS RUNS APP_PID POSTGRES_PID
 *                                                 SP-initiated sign-ins, CONCURRENCY at a time; prints the medians of
 *                                                 RUNS runs as key=value lines, and the CPU split of the runs
 * </pre>
 */
public final class SignInBench {

    static final String SSO_URL = "https://idp.bench.example/sso";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern REQUEST_ID = Pattern.compile("\\bID=\"([^\"]+)\"");
    static final String[] STEPS = { "authorize", "sign", "acs", "token", "userinfo" };
    /** Distinct users the responses name (each signs in many times: the first creates the user, the rest update). */
    static final int USERS = 1000;

    final String base;
    final String managementToken;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    final TestIdp idp = new TestIdp("https://idp.bench.example/" + System.nanoTime());

    String clientId;
    String clientSecret;
    String callback;
    String connection;
    String acsUrl;
    String spEntityId;

    SignInBench(String base, String managementToken) {
        this.base = base;
        this.managementToken = managementToken;
    }

    /** Exits 0 when done, 1 on any failure (the worker threads do not keep a failed run alive). */
    public static void main(String[] args) {
        try {
            SignInBench bench = new SignInBench(args[1], args[2]);
            switch (args[0]) {
                case "acs" -> bench.acs(Integer.parseInt(args[3]), Path.of(args[4]));
                case "flow" -> bench.flow(Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]), Integer.parseInt(args[6]), Long.parseLong(args[7]),
                        Long.parseLong(args[8]));
                default -> throw new IllegalArgumentException("acs or flow, not " + args[0]);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // --- set-up through the management API

    void setUp(boolean idpInitiated) throws Exception {
        String name = "bench-" + System.nanoTime();
        callback = "https://" + name + ".bench.example/callback";
        JsonNode client = management("/api/v2/clients", Map.of("name", name, "app_type", "regular_web", "callbacks",
                List.of(callback)));
        clientId = client.path("client_id").asText();
        clientSecret = client.path("client_secret").asText();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("signInEndpoint", SSO_URL);
        options.put("signingCert", idp.certificatePem());
        options.put("issuer", idp.entityId);
        if (idpInitiated) {
            options.put("idpinitiated", Map.of("enabled", true, "client_id", clientId, "client_authorizequery",
                    "response_type=code&scope=openid"));
        }
        connection = "saml-" + name;
        JsonNode created = management("/api/v2/connections", Map.of("name", connection, "strategy", "samlp",
                "enabled_clients", List.of(clientId), "options", options));
        acsUrl = created.path("options").path("acs_url").asText();
        spEntityId = created.path("options").path("sp_entity_id").asText();
    }

    JsonNode management(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + managementToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    // --- the ACS alone: pre-signed IdP-initiated responses

    void acs(int count, Path file) throws Exception {
        setUp(true);
        Instant until = Instant.now().plus(Duration.ofHours(2));
        String[] bodies = new String[count];
        AtomicInteger next = new AtomicInteger();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> signers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            signers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    TestIdp.Spec spec = idp.spec().answering(acsUrl, spEntityId, null);
                    spec.notOnOrAfter = until;
                    spec.confirmationNotOnOrAfter = until;
                    user(spec, i);
                    bodies[i] = "SAMLResponse=" + URLEncoder.encode(build(spec), StandardCharsets.UTF_8);
                }
                return null;
            }));
        }
        for (Future<?> signer : signers) {
            signer.get();
        }
        pool.shutdown();
        Files.write(file, Arrays.asList(bodies));
        System.out.println("ACS_PATH=" + URI.create(acsUrl).getRawPath());
        System.out.println("CALLBACK=" + callback);
    }

    static final ThreadLocal<DocumentBuilder> PARSERS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    static final ThreadLocal<Transformer> SERIALIZERS = ThreadLocal.withInitial(() -> {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            return transformer;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * What {@link TestIdp.Spec#build()} makes (the same text, signed by the same {@link TestIdp#sign}), with a parser
     * and a serializer kept per thread: looking the XML factories up for every response made the signer, not the
     * service, the bottleneck of the set-up.
     */
    String build(TestIdp.Spec spec) throws Exception {
        Document document = PARSERS.get().parse(new InputSource(new StringReader(TestIdp.xml(spec))));
        idp.sign(document, spec);
        StringWriter out = new StringWriter();
        SERIALIZERS.get().transform(new DOMSource(document), new StreamResult(out));
        return TestIdp.base64(out.toString());
    }

    static void user(TestIdp.Spec spec, int i) {
        String email = "user" + (i % USERS) + "@bench.example";
        spec.nameId = email;
        spec.attributes.put("email", List.of(email));
    }

    // --- the whole flow

    /** Per step, the latencies (ns) of one run, and how many sign-ins completed. */
    static final class Run {
        final Map<String, long[]> latencies = new LinkedHashMap<>();
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        int completed;
        String firstError;
        int errors;

        Run() {
            for (String step : STEPS) {
                latencies.put(step, new long[1 << 16]);
                sizes.put(step, 0);
            }
        }

        synchronized void add(String step, long nanos) {
            long[] values = latencies.get(step);
            int size = sizes.get(step);
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                latencies.put(step, values);
            }
            values[size] = nanos;
            sizes.put(step, size + 1);
        }

        synchronized void done() {
            completed++;
        }

        synchronized void failed(String error) {
            errors++;
            if (firstError == null) {
                firstError = error;
            }
        }

        synchronized double percentileMs(String step, double percentile) {
            long[] values = Arrays.copyOf(latencies.get(step), sizes.get(step));
            if (values.length == 0) {
                return Double.NaN;
            }
            Arrays.sort(values);
            int index = (int) Math.ceil(percentile / 100 * values.length) - 1;
            return values[Math.max(0, index)] / 1e6;
        }
    }

    void flow(int concurrency, int warmupSeconds, int seconds, int runs, long appPid, long postgresPid)
            throws Exception {
        setUp(false);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        System.err.println("flow: warm-up " + warmupSeconds + " s");
        Run warmup = drive(pool, concurrency, warmupSeconds);
        if (warmup.completed == 0) {
            throw new IllegalStateException("no sign-in completed in the warm-up: " + warmup.firstError);
        }
        List<Run> measured = new ArrayList<>();
        long[] before = CpuTicks.sample(appPid, postgresPid);
        long started = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            Run run = drive(pool, concurrency, seconds);
            System.err.printf("flow: run %d: %.1f sign-ins/s, %d errors%n", r + 1, (double) run.completed / seconds,
                    run.errors);
            measured.add(run);
        }
        long[] after = CpuTicks.sample(appPid, postgresPid);
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdownNow();
        print("flow_signins_per_s", median(measured.stream().map(run -> (double) run.completed / seconds).toList()));
        for (String step : STEPS) {
            print("flow_" + step + "_p50_ms", median(measured.stream().map(run -> run.percentileMs(step, 50)).toList()));
            print("flow_" + step + "_p99_ms", median(measured.stream().map(run -> run.percentileMs(step, 99)).toList()));
        }
        int errors = measured.stream().mapToInt(run -> run.errors).sum();
        System.out.println("flow_errors=" + errors);
        measured.stream().map(run -> run.firstError).filter(e -> e != null).findFirst()
                .ifPresent(e -> System.err.println("flow: first error: " + e));
        CpuTicks.print("flow", before, after, elapsed);
    }

    static void print(String key, double value) {
        System.out.printf("%s=%.2f%n", key, value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    Run drive(ExecutorService pool, int concurrency, int seconds) throws Exception {
        Run run = new Run();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int i = worker;
                while (System.nanoTime() < deadline) {
                    try {
                        signIn(run, i);
                        run.done();
                    } catch (Exception e) {
                        run.failed(e.toString());
                    }
                    i += concurrency;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return run;
    }

    static final SecureRandom RANDOM = new SecureRandom();

    /** 32 random bytes, base64url: 43 characters, as RFC 7636 wants of a code_verifier. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One sign-in: authorize, the IdP's signed answer, the ACS, the code at the token endpoint, userinfo. */
    void signIn(Run run, int i) throws Exception {
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = random();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", callback);
        parameters.put("scope", "openid profile email");
        parameters.put("state", state);
        parameters.put("nonce", random());
        parameters.put("connection", connection);
        parameters.put("code_challenge", challenge);
        parameters.put("code_challenge_method", "S256");

        long t0 = System.nanoTime();
        HttpResponse<String> toIdp = send(HttpRequest.newBuilder(URI.create(base + "/authorize?" + form(parameters)))
                .GET());
        long t1 = System.nanoTime();
        expect(toIdp, 302, SSO_URL + "?");
        run.add("authorize", t1 - t0);
        Map<String, String> upstream = TestIdp.query(toIdp.headers().firstValue("Location").orElseThrow());
        Matcher id = REQUEST_ID.matcher(TestIdp.inflate(upstream.get("SAMLRequest")));
        if (!id.find()) {
            throw new IllegalStateException("no ID in the AuthnRequest");
        }
        TestIdp.Spec spec = idp.spec().answering(acsUrl, spEntityId, id.group(1));
        user(spec, i);
        String samlResponse = build(spec);
        long t2 = System.nanoTime();
        run.add("sign", t2 - t1);

        Map<String, String> post = new LinkedHashMap<>();
        post.put("SAMLResponse", samlResponse);
        post.put("RelayState", upstream.get("RelayState"));
        HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(acsUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(post))));
        long t3 = System.nanoTime();
        expect(back, 303, callback + "?");
        run.add("acs", t3 - t2);
        Map<String, String> answer = TestIdp.query(back.headers().firstValue("Location").orElseThrow());
        if (answer.get("code") == null || !state.equals(answer.get("state"))) {
            throw new IllegalStateException("ACS answered " + answer);
        }

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", answer.get("code"));
        exchange.put("redirect_uri", callback);
        exchange.put("client_id", clientId);
        exchange.put("client_secret", clientSecret);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(exchange))));
        long t4 = System.nanoTime();
        expect(tokens, 200, null);
        run.add("token", t4 - t3);
        String accessToken = JSON.readTree(tokens.body()).path("access_token").asText();

        HttpResponse<String> userinfo = send(HttpRequest.newBuilder(URI.create(base + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET());
        long t5 = System.nanoTime();
        expect(userinfo, 200, null);
        run.add("userinfo", t5 - t4);
        if (!userinfo.body().contains("user" + (i % USERS) + "@bench.example")) {
            throw new IllegalStateException("userinfo names someone else: " + userinfo.body());
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> response, int status, String locationPrefix) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + ": " + response.statusCode() + " " + response.body() + " "
                    + response.headers().firstValue("Location").orElse(""));
        }
        if (locationPrefix != null && !response.headers().firstValue("Location").orElse("").startsWith(locationPrefix)) {
            throw new IllegalStateException(response.request().uri().getPath() + ": to "
                    + response.headers().firstValue("Location").orElse("nowhere"));
        }
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** CPU used so far, in clock ticks, read from /proc: the application, PostgreSQL, this generator, the machine. */
    static final class CpuTicks {

        /**
         * PostgreSQL is the benchmark's own server alone (other PostgreSQL servers may run on the machine): its
         * postmaster with the CPU of its children that ended (cutime, cstime), and its live children.
         */
        static long[] sample(long appPid, long postgresPid) {
            long postgres = 0;
            try {
                postgres = ticks(Path.of("/proc/" + postgresPid)) + reapedChildrenTicks(Path.of("/proc/" + postgresPid));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (ProcessHandle child : ProcessHandle.of(postgresPid).orElseThrow().children().toList()) {
                try {
                    postgres += ticks(Path.of("/proc/" + child.pid()));
                } catch (IOException gone) {
                    // it ended in between: its CPU is in the postmaster's cutime from now on
                }
            }
            try {
                String[] total = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = Long.parseLong(total[1]) + Long.parseLong(total[2]) + Long.parseLong(total[3])
                        + Long.parseLong(total[6]) + Long.parseLong(total[7]);
                return new long[] { ticks(Path.of("/proc/" + appPid)), postgres,
                        ticks(Path.of("/proc/" + ProcessHandle.current().pid())), busy };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static long ticks(Path process) throws IOException {
            String[] fields = statFields(process);
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime (fields 14 and 15)
        }

        static long reapedChildrenTicks(Path process) throws IOException {
            String[] fields = statFields(process);
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);   // cutime, cstime (fields 16 and 17)
        }

        /** The fields of /proc/PID/stat from the third on (after the command name, which may hold spaces). */
        static String[] statFields(Path process) throws IOException {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        }

        /** In % of one core, with clock ticks of 100 Hz (Linux's USER_HZ). */
        static void print(String name, long[] before, long[] after, double seconds) {
            String[] parts = { "app", "postgres", "generator" };
            long accounted = 0;
            for (int i = 0; i < parts.length; i++) {
                long used = after[i] - before[i];
                accounted += used;
                System.out.printf("%s_cpu_%s_pct=%.0f%n", name, parts[i], used / seconds);
            }
            System.out.printf("%s_cpu_rest_pct=%.0f%n", name, (after[3] - before[3] - accounted) / seconds);
        }
    }
}
