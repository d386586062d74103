package io.connectionhub.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slow, salted password hashes: PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}. Imported bcrypt hashes are checked as they are. Hashing is CPU
 * work; callers run it off the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** A hash of a random password, made at the first sign-in with an unknown email. */
    private volatile String dummy;

    public PasswordHasher(@ConfigProperty(name = "connectionhub.users.password-iterations", defaultValue = "310000") int iterations) {
        this.iterations = iterations;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return "pbkdf2-sha256$" + iterations + "$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one behind {@code stored}: one of our PBKDF2 hashes or an imported bcrypt hash. */
    public boolean matches(String password, String stored) {
        if (stored == null) {
            return false;
        }
        if (stored.startsWith("$2")) {
            return bcryptMatches(password, stored);
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        try {
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Does the work of checking {@code password} against a hash of this hasher, and matches nothing: a sign-in with
     * an unknown email takes as long as one with a wrong password, so the time does not tell which users exist.
     */
    public void matchNothing(String password) {
        String dummy = this.dummy;
        if (dummy == null) {
            byte[] random16 = new byte[16];
            random.nextBytes(random16);
            dummy = hash(Base64.getEncoder().encodeToString(random16));
            this.dummy = dummy;
        }
        matches(password, dummy);
    }

    /**
     * An imported bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}), checked by BouncyCastle. bcrypt reads at most
     * 72 bytes of a password, so longer ones are cut there as every bcrypt implementation does.
     */
    private static boolean bcryptMatches(String password, String stored) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 72) {
            bytes = Arrays.copyOf(bytes, 72);
        }
        try {
            return OpenBSDBCrypt.checkPassword(stored, bytes);
        } catch (IllegalArgumentException | DataLengthException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
