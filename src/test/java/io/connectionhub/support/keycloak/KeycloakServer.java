package io.connectionhub.support.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jboss.logging.Logger;

/**
 * A real Keycloak for the sign-in tests, from the {@code org.keycloak:keycloak-quarkus-dist} zip on Maven Central, on
 * a free loopback port, started once per test JVM and stopped when it exits (shutdown hook, and a watchdog process for
 * a JVM killed outright).
 * <p>
 * Starting Keycloak is slow on two cores, so the expensive parts are done once per machine and version, in a cache
 * under {@code java.io.tmpdir} guarded by a file lock: the distribution is unpacked, {@code kc.sh build} (Quarkus's
 * augmentation) runs once, and a first start creates the master realm and its admin user in the embedded dev-file
 * database, which is kept as a seed. Each test JVM then runs {@code start --optimized} from its own home directory
 * (links to the cached distribution, its own copy of the seed database), which skips the augmentation, the schema
 * creation and the master realm's set-up. Keycloak runs on the test JVM's own Java (it supports 17 and 21+), or on
 * the one {@code connectionhub.keycloak.java-home} names.
 */
public final class KeycloakServer {

    public static final String VERSION = System.getProperty("connectionhub.keycloak.version", "26.4.7");
    /** Build-time options of the cached distribution; part of the cache's name, so changing them builds anew. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String ADMIN_USER = "admin";
    /** Marks the home directories of running servers; {@code .ci/run} looks for leftovers by it. */
    static final String RUN_DIR_PREFIX = "connectionhub-keycloak-run-";
    /** The pid of the test JVM a home directory belongs to. */
    private static final String OWNER_FILE = "owner.pid";

    /** Where this JVM's server is, for every copy of this class (see {@link #shared()}). */
    private static final String RUNNING_URL = "connectionhub.keycloak.running.url";
    private static final String RUNNING_ADMIN_PASSWORD = "connectionhub.keycloak.running.admin-password";
    private static final String RUNNING_STARTUP_MILLIS = "connectionhub.keycloak.running.startup-millis";

    private static final Logger LOG = Logger.getLogger(KeycloakServer.class);

    private static KeycloakServer shared;

    private final String baseUrl;
    private final String adminPassword;
    private final Process process;
    private final Path home;
    private final Duration startup;

    private KeycloakServer(String baseUrl, String adminPassword, Process process, Path home, Duration startup) {
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
        this.process = process;
        this.home = home;
        this.startup = startup;
    }

    /**
     * The server of this test JVM, started on first use. Quarkus loads the classes of {@code @QuarkusTest} tests in
     * its own class loader, so plain JUnit tests and Quarkus tests see two copies of this class: the first to start
     * the server publishes its address in system properties (one set per JVM), and the others use that server.
     */
    public static KeycloakServer shared() {
        synchronized (System.getProperties()) {
            if (shared == null) {
                shared = running();
            }
            if (shared == null) {
                try {
                    Path distribution = Distribution.prepared();
                    KeycloakServer server = start(distribution);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
                    System.setProperty(RUNNING_URL, server.baseUrl);
                    System.setProperty(RUNNING_ADMIN_PASSWORD, server.adminPassword);
                    System.setProperty(RUNNING_STARTUP_MILLIS, Long.toString(server.startup.toMillis()));
                    shared = server;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return shared;
        }
    }

    /** The server another copy of this class started in this JVM (it stops it at exit), or null. */
    private static KeycloakServer running() {
        String url = System.getProperty(RUNNING_URL);
        if (url == null) {
            return null;
        }
        return new KeycloakServer(url, System.getProperty(RUNNING_ADMIN_PASSWORD), null, null,
                Duration.ofMillis(Long.parseLong(System.getProperty(RUNNING_STARTUP_MILLIS))));
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The issuer of a realm's OpenID provider, as its discovery document names it. */
    public String issuer(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /** The realm's SAML IdP metadata (entity id, SSO URLs, signing certificate). */
    public String samlDescriptorUrl(String realm) {
        return baseUrl + "/realms/" + realm + "/protocol/saml/descriptor";
    }

    /** An admin client for the master realm's admin user. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(baseUrl, ADMIN_USER, adminPassword);
    }

    /** How long this JVM's start took, from launching the process to the first answer of the master realm. */
    public Duration startup() {
        return startup;
    }

    private static KeycloakServer start(Path distribution) throws IOException {
        removeAbandonedHomes();
        Path home = Files.createTempDirectory(RUN_DIR_PREFIX);
        Files.writeString(home.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        linkDistribution(distribution, home);
        Path database = home.resolve("data/h2");
        Files.createDirectories(database);
        try (Stream<Path> seed = Files.list(distribution.resolve(Distribution.SEED_DIR))) {
            for (Path file : seed.toList()) {
                Files.copy(file, database.resolve(file.getFileName()));
            }
        }
        String adminPassword = Files.readString(distribution.resolve(Distribution.PASSWORD_FILE)).trim();
        int port = freePort();
        long started = System.nanoTime();
        Process process = launch(distribution, home, List.of("start", "--optimized", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname-strict=false", "--cache=local"),
                Map.of(), home.resolve("keycloak.log"));
        startWatchdog(process.pid());
        String baseUrl = "http://127.0.0.1:" + port;
        try {
            awaitReady(process, baseUrl, home.resolve("keycloak.log"));
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        LOG.infof("Keycloak %s started at %s in %d ms (home %s)", VERSION, baseUrl, startup.toMillis(), home);
        return new KeycloakServer(baseUrl, adminPassword, process, home, startup);
    }

    private void stop() {
        stop(process);
        deleteTree(home);
    }

    /** SIGTERM, then SIGKILL if it has not gone within 20 s. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Home directories left by test JVMs killed outright (their watchdog stopped the server, nobody removed the files):
     * those whose owner is gone. Another JVM's live server keeps its own.
     */
    private static void removeAbandonedHomes() {
        try (Stream<Path> homes = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            homes.filter(path -> path.getFileName().toString().startsWith(RUN_DIR_PREFIX)).forEach(home -> {
                try {
                    long owner = Long.parseLong(Files.readString(home.resolve(OWNER_FILE)).trim());
                    if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        return;
                    }
                } catch (IOException | NumberFormatException unreadable) {
                    // No owner written: abandoned while it was being made, or being made right now by another JVM.
                    if (!olderThan(home, Duration.ofMinutes(10))) {
                        return;
                    }
                }
                deleteTree(home);
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static boolean olderThan(Path path, Duration age) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    /** A home directory of this server's own: the distribution's files linked, its data directory its own. */
    private static void linkDistribution(Path distribution, Path home) throws IOException {
        for (String part : List.of("bin", "conf", "lib", "providers", "themes", "version.txt")) {
            Files.createSymbolicLink(home.resolve(part), distribution.resolve(part));
        }
    }

    /**
     * The JVM the way {@code kc.sh} starts it, without the shell in between: the process handle is Keycloak's own,
     * so stopping it stops Keycloak.
     */
    static Process launch(Path distribution, Path home, List<String> arguments, Map<String, String> environment,
            Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome().resolve("bin/java").toString());
        // C1 only: a test's Keycloak never runs long enough to gain from C2, whose compiler threads compete with the
        // start for two cores (A/B on a loaded machine, JDK 17: 116 and 51 s against 46 and 39 s; JDK 25: 80 and 63 s
        // against 45 and 34 s).
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Djava.security.egd=file:/dev/urandom",
                "-Dfile.encoding=UTF-8", "-Duser.language=en", "-Duser.country=US",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.security=ALL-UNNAMED",
                "-Djava.util.concurrent.ForkJoinPool.common.threadFactory="
                        + "io.quarkus.bootstrap.forkjoin.QuarkusForkJoinWorkerThreadFactory",
                "-Dkc.home.dir=" + home, "-Djboss.server.config.dir=" + home.resolve("conf"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dpicocli.disable.closures=true",
                "-Dquarkus-log-max-startup-records=10000",
                "-cp", distribution.resolve("lib/quarkus-run.jar").toString(),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Keycloak reads KC_* variables as options: only the ones given here count.
        builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_")
                || name.equals("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Path javaHome() {
        String configured = System.getProperty("connectionhub.keycloak.java-home", System.getenv("KEYCLOAK_JAVA_HOME"));
        return Path.of(configured == null || configured.isBlank() ? System.getProperty("java.home") : configured);
    }

    /** Ready when the master realm answers; fails early when the process exits. */
    static void awaitReady(Process process, String baseUrl, Path log) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited at start (code " + process.exitValue() + "); see " + log + ":\n"
                        + tail(log));
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Keycloak", e);
            }
            sleep(200);
        }
        throw new IOException("Keycloak did not answer within " + START_TIMEOUT + "; see " + log + ":\n" + tail(log));
    }

    /** A shell that stops Keycloak as soon as this JVM is gone, even if it was killed outright. */
    private static void startWatchdog(long keycloakPid) throws IOException {
        long self = ProcessHandle.current().pid();
        String alive = "kill -0 " + keycloakPid + " 2>/dev/null";
        // Keycloak gone first (stopped by the shutdown hook): nothing to do. Else SIGTERM, and SIGKILL after 20 s.
        String script = "while kill -0 " + self + " 2>/dev/null && " + alive + "; do sleep 1; done; " + alive
                + " || exit 0; kill -TERM " + keycloakPid + "; i=0; while [ $i -lt 20 ] && " + alive
                + "; do sleep 1; i=$((i+1)); done; " + alive + " && kill -KILL " + keycloakPid + "; exit 0";
        new ProcessBuilder("sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Links are removed, never followed: the cached distribution stays.
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The unpacked, built and seeded distribution, made once per machine, version and build options. */
    static final class Distribution {

        static final String SEED_DIR = "seed-h2";
        static final String PASSWORD_FILE = "admin-password";
        private static final String READY = ".ready";

        private Distribution() {
        }

        static Path prepared() throws IOException {
            Path zip = zip();
            String key = shortHash(VERSION + "|" + String.join(" ", BUILD_OPTIONS) + "|" + Files.size(zip));
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path target = tmp.resolve("connectionhub-keycloak-" + VERSION + "-" + key);
            if (Files.exists(target.resolve(READY))) {
                return target;
            }
            Path lockFile = tmp.resolve("connectionhub-keycloak-" + VERSION + "-" + key + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.exists(target.resolve(READY))) {
                    return target;
                }
                // A directory without the marker is what an interrupted preparation left: start it over.
                deleteTree(target);
                long started = System.nanoTime();
                unpack(zip, target);
                long unpacked = System.nanoTime();
                build(target);
                long built = System.nanoTime();
                seed(target);
                LOG.infof("Keycloak %s prepared in %s: unpacked in %d ms, built in %d ms, seeded in %d ms", VERSION,
                        target, (unpacked - started) / 1_000_000, (built - unpacked) / 1_000_000,
                        (System.nanoTime() - built) / 1_000_000);
                Files.writeString(target.resolve(READY), VERSION + "\n");
                return target;
            }
        }

        /** The zip Maven copied next to the build, or the one in the local repository. */
        private static Path zip() throws IOException {
            String configured = System.getProperty("connectionhub.keycloak.distribution");
            Path zip = configured != null ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist",
                            VERSION, "keycloak-quarkus-dist-" + VERSION + ".zip");
            if (!Files.isRegularFile(zip)) {
                throw new IOException("The Keycloak distribution " + zip + " is missing: run the tests through Maven "
                        + "(./mvnw test), whose build copies org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip");
            }
            return zip;
        }

        /** The zip's single top directory ({@code keycloak-<version>/}) becomes {@code target}. */
        private static void unpack(Path zip, Path target) throws IOException {
            Files.createDirectories(target);
            Path root = target.toAbsolutePath().normalize();
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = archive.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue;
                    }
                    Path out = root.resolve(name.substring(slash + 1)).normalize();
                    if (!out.startsWith(root)) {
                        throw new IOException("Entry outside the distribution: " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        try (InputStream in = archive.getInputStream(entry)) {
                            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }

        /** {@code kc.sh build}: Quarkus's augmentation, written into the distribution's lib/quarkus. */
        private static void build(Path distribution) throws IOException {
            List<String> arguments = new ArrayList<>(List.of("build"));
            arguments.addAll(BUILD_OPTIONS);
            Path log = distribution.resolve("build.log");
            Process process = launch(distribution, distribution, arguments, Map.of(), log);
            try {
                if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("kc.sh build did not finish within " + START_TIMEOUT + "; see " + log);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during kc.sh build", e);
            }
            if (process.exitValue() != 0) {
                throw new IOException("kc.sh build failed (exit " + process.exitValue() + "):\n" + tail(log));
            }
        }

        /**
         * One start with a bootstrap admin creates the schema, the master realm and the admin user; once stopped,
         * its database is the seed every later start copies.
         */
        private static void seed(Path distribution) throws IOException {
            String password = randomPassword();
            Path home = distribution.resolve("seed-run");
            Files.createDirectories(home);
            linkDistribution(distribution, home);
            int port = freePort();
            Path log = distribution.resolve("seed.log");
            Process process = launch(distribution, home, List.of("start", "--optimized", "--http-enabled=true",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--hostname-strict=false", "--cache=local"),
                    Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER, "KC_BOOTSTRAP_ADMIN_PASSWORD", password), log);
            startWatchdog(process.pid());
            try {
                awaitReady(process, "http://127.0.0.1:" + port, log);
            } finally {
                stop(process);
            }
            Files.move(home.resolve("data/h2"), distribution.resolve(SEED_DIR));
            Files.writeString(distribution.resolve(PASSWORD_FILE), password + "\n");
            deleteTree(home);
        }

        private static String randomPassword() {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        private static String shortHash(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
