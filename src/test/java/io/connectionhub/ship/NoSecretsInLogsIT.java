package io.connectionhub.ship;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.connectionhub.support.SecretRecorder;

/**
 * After the unit and black-box suites (surefire, before this failsafe phase): no secret that crossed the API in
 * that whole run appears in its log ({@code target/test-run.log}): client and API secrets, access tokens,
 * passwords, secret option values, the signing and encryption keys.
 */
class NoSecretsInLogsIT {

    static final Path LOG = Path.of("target", "test-run.log");

    @Test
    void noSecretOfTheTestRunIsInItsLog() throws IOException {
        assertTrue(Files.exists(LOG), "the test run writes its log to " + LOG);
        Set<String> secrets = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(SecretRecorder.DIRECTORY)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.length() >= 8) {
                        secrets.add(line);
                    }
                }
            }
        }
        assertTrue(secrets.size() > 10, "the run recorded its secrets (" + secrets.size() + ")");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> logs = Files.list(LOG.getParent())) {
            for (Path file : (Iterable<Path>) logs.filter(p -> p.getFileName().toString().startsWith("test-run.log"))::iterator) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        String log = all.toString();
        assertTrue(log.contains("Installed features"), "the log holds the run");
        List<String> leaked = new ArrayList<>();
        for (String secret : secrets) {
            if (log.contains(secret)) {
                leaked.add(secret.substring(0, 4) + "…(" + secret.length() + " chars)");
            }
        }
        if (!leaked.isEmpty()) {
            fail(leaked.size() + " secrets appear in " + LOG + ": " + leaked);
        }
    }
}
