package io.connectionhub.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * No library of the packaged application carries a jar signature. The JDK verifies a signed jar, digesting its
 * entries, when the first class of it loads: BouncyCastle's signatures took about 10 % of the main thread at
 * start-up, so {@code application.properties} removes them ({@code quarkus.class-loading.removed-resources}). A
 * new signed dependency, or a BouncyCastle release signed under another file name, shows up here.
 */
class UnsignedLibrariesIT {

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|DSA|RSA|EC)");

    @Test
    @DisabledIfSystemProperty(named = "quarkus.native.enabled", matches = "true",
            disabledReason = "a native executable has no library jars: their classes are compiled into it")
    void noPackagedLibraryIsSigned() throws IOException {
        Path libraries = Path.of("target/quarkus-app/lib/main");
        assertTrue(Files.isDirectory(libraries), "package the application first");
        List<String> signed = new ArrayList<>();
        int jars = 0;
        try (Stream<Path> files = Files.list(libraries)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars++;
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    zip.stream().map(entry -> entry.getName()).filter(name -> SIGNATURE.matcher(name).matches())
                            .forEach(name -> signed.add(jar.getFileName() + "!" + name));
                }
            }
        }
        assertTrue(jars > 50, "found only " + jars + " libraries in " + libraries);
        assertEquals(List.of(), signed);
    }
}
