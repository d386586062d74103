package io.connectionhub.setup;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.page.PageRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * Opening a setup link and the portal session it starts. The link's token is exchanged, once per opening and within
 * the link's cap, for a session whose secret travels sealed in an HttpOnly cookie scoped to {@code /setup}; the
 * database holds the secret's digest, so every replica can check it, and revoking the link ends it.
 */
@ApplicationScoped
public class SetupSessions {

    public static final String COOKIE = "hub_setup";
    static final String PATH = "/setup";
    private static final String SEAL_PURPOSE = "connectionhub:setup-session";

    private final SetupLinkRepository links;
    private final FieldEncryption encryption;
    private final SetupConfig config;
    private final boolean secureCookies;

    public SetupSessions(SetupLinkRepository links, FieldEncryption encryption, SetupConfig config, PublicUrl publicUrl) {
        this.links = links;
        this.encryption = encryption;
        this.config = config;
        this.secureCookies = publicUrl.base().startsWith("https://");
    }

    /** Whether {@code token} has the shape of a link token (32 random bytes, base64url). */
    static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    /** Exchanges a link's token for a session cookie; refused (410) when the link cannot be opened, 404 when unknown. */
    public Uni<Cookie> open(String token) {
        if (!wellFormed(token)) {
            return Uni.createFrom().failure(unknown());
        }
        String secret = Ids.secret(32);
        String tokenHash = SecretDigest.of(token);
        return links.open(tokenHash, SecretDigest.of(secret), config.sessionLifetime()).chain(link -> {
            if (link != null) {
                return Uni.createFrom().item(cookie(encryption.seal(secret + "|" + link.id(), SEAL_PURPOSE),
                        config.sessionLifetime().toSeconds()));
            }
            return links.findByToken(tokenHash).map(found -> {
                throw found == null ? unknown() : refusal(found);
            });
        });
    }

    /** The link of a live portal session, or null. */
    public Uni<SetupLink> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 512
                || !FieldEncryption.isSealed(cookieValue)) {
            return Uni.createFrom().nullItem();
        }
        String[] parts;
        try {
            parts = encryption.open(cookieValue, SEAL_PURPOSE).split("\\|", 2);
        } catch (RuntimeException e) {
            return Uni.createFrom().nullItem();
        }
        if (parts.length != 2) {
            return Uni.createFrom().nullItem();
        }
        return links.findBySession(SecretDigest.of(parts[0])).map(link -> link != null && link.id().equals(parts[1])
                ? link : null);
    }

    static PageRefused refusal(SetupLink link) {
        return switch (link.state()) {
            case "revoked" -> new PageRefused(410, "This setup link has been revoked. Ask for a new one.");
            case "completed" -> new PageRefused(410, "This setup link has already been used to complete the setup.");
            case "expired" -> new PageRefused(410, "This setup link has expired. Ask for a new one.");
            default -> new PageRefused(410, "This setup link has been opened too many times. Ask for a new one.");
        };
    }

    static PageRefused unknown() {
        return new PageRefused(404, "This setup link does not exist. Check that you copied all of it.");
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value).setPath(PATH).setHttpOnly(true).setSecure(secureCookies)
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }
}
