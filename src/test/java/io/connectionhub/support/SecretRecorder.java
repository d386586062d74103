package io.connectionhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectionhub.devdb.DevDefaultsConfigSourceFactory;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Writes down every secret that crosses the API in a test (client and API secrets, access and id tokens, passwords
 * of JSON bodies and of sign-in forms, authorization codes and PKCE verifiers, secret option values, the test keys),
 * so that a check at the end of the run can prove none reached the log.
 */
public final class SecretRecorder implements Filter {

    public static final Path DIRECTORY = Path.of("target", "test-secrets");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "\"(client_secret|api_secret|access_token|id_token|password|twilio_token|private_key|signing_key|ClientSecret"
                    + "|code_verifier)\"\\s*:\\s*\"([^\"]{8,})\"");
    /** Form fields that hold secrets: sign-in passwords, token-endpoint credentials, codes and PKCE verifiers. */
    private static final Set<String> SECRET_FORM_FIELDS = Set.of("password", "client_secret", "code", "code_verifier",
            "access_token");
    private static final Pattern CODE_IN_LOCATION = Pattern.compile("[?&]code=([^&#]{8,})");
    private static final SecretRecorder INSTANCE = new SecretRecorder();

    private final Path file = DIRECTORY.resolve("secrets-" + ProcessHandle.current().pid() + ".txt");

    private SecretRecorder() {
        record(keyLines(DevDefaultsConfigSourceFactory.testSigningKey()));
        record(Set.of(DevDefaultsConfigSourceFactory.testEncryptionKey(), TestTenant.ADMIN_TOKEN));
    }

    /** Adds the recorder to RestAssured's global filters (once). */
    public static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Set<String> found = new LinkedHashSet<>();
        String authorization = request.getHeaders().getValue("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            found.add(authorization.substring(7));
        }
        Object secret = request.getQueryParams().get("apisecret");
        if (secret != null) {
            found.add(secret.toString());
        }
        if (request.getBody() instanceof String body) {
            collect(body, found);
        }
        request.getFormParams().forEach((name, value) -> {
            if (SECRET_FORM_FIELDS.contains(name) && value != null && value.length() >= 8) {
                found.add(value);
            }
        });
        Response answer = context.next(request, response);
        String location = answer.getHeader("Location");
        if (location != null) {
            Matcher code = CODE_IN_LOCATION.matcher(location);
            if (code.find()) {
                found.add(java.net.URLDecoder.decode(code.group(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String contentType = answer.getContentType();
        if (contentType != null && contentType.contains("json")) {
            collect(answer.asString(), found);
        }
        record(found);
        return answer;
    }

    private static void collect(String json, Set<String> into) {
        Matcher matcher = SECRET_FIELD.matcher(json);
        while (matcher.find()) {
            into.add(matcher.group(2));
        }
    }

    private static Set<String> keyLines(String pem) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : pem.split("\n")) {
            if (!line.startsWith("-----") && line.length() >= 32) {
                lines.add(line);
            }
        }
        return lines;
    }

    private synchronized void record(Set<String> secrets) {
        if (secrets.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, String.join("\n", secrets) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
