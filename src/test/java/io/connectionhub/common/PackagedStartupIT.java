package io.connectionhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application with no database configured exits non-zero within 10 s, naming what to set: the jar,
 * or the native executable when the suite runs in the native profile.
 */
class PackagedStartupIT {

    @Test
    void withoutDatabaseItFailsFastWithOneLine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(packagedApplication());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE") || name.startsWith("CONNECTIONHUB"));
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        File stderr = File.createTempFile("startup", ".err");
        builder.redirectError(stderr).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "still running after 10 s");
        assertNotEquals(0, process.exitValue());
        List<String> lines = Files.readAllLines(stderr.toPath(), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !isJdkUnsafeWarning(line)).toList();
        assertEquals(1, lines.size(), "one line on stderr, got: " + lines);
        for (String variable : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertTrue(lines.get(0).contains(variable), lines.get(0));
        }
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    /**
     * JDK 24 and later print their own four-line notice when a library first uses sun.misc.Unsafe's memory
     * methods (Netty does, while Quarkus starts): the JVM's words, not the application's, and absent on JDK 17.
     */
    private static boolean isJdkUnsafeWarning(String line) {
        return line.startsWith("WARNING: ") && (line.contains("sun.misc.Unsafe")
                || line.startsWith("WARNING: Please consider reporting this to the maintainers of class "));
    }

    private static List<String> packagedApplication() {
        if (Boolean.getBoolean("quarkus.native.enabled")) {
            Path executable = Path.of(System.getProperty("native.image.path"));
            assertTrue(Files.isExecutable(executable), "build the native executable first: " + executable);
            return List.of(executable.toString());
        }
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the application first");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-jar", jar.toString());
    }
}
