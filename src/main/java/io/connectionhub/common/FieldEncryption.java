package io.connectionhub.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * AES-256-GCM for secrets at rest (secret connection options, OIDC client secrets, SP private keys).
 * A sealed value is {@code v1.<key id>.<base64url(iv | ciphertext | tag)>}; the key id lets a rotated-out key
 * (listed in {@code connectionhub.encryption-previous-keys}) still open what it sealed. The caller passes
 * associated data (tenant and owner ids) so a sealed value copied to another row does not open.
 */
@Startup
@ApplicationScoped
public class FieldEncryption {

    private static final String PREFIX = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public FieldEncryption(@ConfigProperty(name = "connectionhub.encryption-key") Optional<String> current,
            @ConfigProperty(name = "connectionhub.encryption-previous-keys") Optional<List<String>> previous) {
        String encoded = current.filter(s -> !s.isBlank()).orElseThrow(() -> new MissingConfiguration(
                "No encryption key configured: set CONNECTIONHUB_ENCRYPTION_KEY (connectionhub.encryption-key) to "
                        + "32 random bytes in base64, e.g. the output of: head -c 32 /dev/urandom | base64"));
        SecretKey key = decode(encoded, "connectionhub.encryption-key");
        this.currentKeyId = keyId(key);
        keys.put(currentKeyId, key);
        for (String old : previous.orElse(List.of())) {
            SecretKey previousKey = decode(old, "connectionhub.encryption-previous-keys");
            keys.putIfAbsent(keyId(previousKey), previousKey);
        }
    }

    public String seal(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + currentKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(String sealed, String associatedData) {
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("sealed with key " + parts[1] + ", which is not configured");
        }
        byte[] in = Base64.getUrlDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or associated data)", e);
        }
    }

    /**
     * HMAC-SHA256 of {@code value}, base64url, under a key derived from the current encryption key for one purpose
     * (so replicas with the same configuration agree, and a value made for one purpose is useless for another).
     */
    public String mac(String purpose, String value) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(keys.get(currentKeyId).getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(("connectionhub-mac:" + purpose).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX) && text.split("\\.", 3).length == 3;
    }

    private static SecretKey decode(String base64, String property) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new MissingConfiguration(property + " is not base64.");
        }
        if (raw.length != 32) {
            throw new MissingConfiguration(property + " must be 32 bytes (256 bits) in base64; it has " + raw.length + ".");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** A short, stable id of a key that reveals nothing usable about it. */
    private static String keyId(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("connectionhub-key-id:" +
                    Base64.getEncoder().encodeToString(key.getEncoded())).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
