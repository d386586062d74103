package io.connectionhub.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user PostgreSQL runs as: this process's own user, or {@code nobody} when this
 * process is root (PostgreSQL refuses to run as root).
 */
record OsUser(String name, String uid, String gid) {

    static OsUser unprivilegedIfRoot() throws IOException {
        if (!"0".equals(id("-u"))) {
            return new OsUser(null, null, null);
        }
        return new OsUser("nobody", id("-u", "nobody"), id("-g", "nobody"));
    }

    boolean dropsPrivileges() {
        return name != null;
    }

    /** The command prefix that runs a program as this user. */
    List<String> prefix() {
        if (!dropsPrivileges()) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
    }

    /** Gives {@code path} to this user, so that the server it runs can use it. */
    void own(Path path) throws IOException {
        if (!dropsPrivileges()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(name);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(gid);
        view.setGroup(group);
    }

    /** Whether this user can reach {@code path}: every ancestor must be searchable by others. */
    boolean canReach(Path path) throws IOException {
        if (!dropsPrivileges()) {
            return true;
        }
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p)
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static String id(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "id";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.exitValue() != 0) {
            throw new IOException("`id " + String.join(" ", args) + "` failed: " + out);
        }
        return out;
    }
}
