package io.connectionhub.ui;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.tenant.SignedInMember;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * Console sign-ins. The cookie holds a random session secret and the tenant, sealed with the service's encryption key
 * (AES-GCM, so it can be neither read nor forged); the database holds the secret's digest with the member, so any
 * replica can check it and signing out deletes it for every copy of the cookie.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "hub_console";
    static final String PATH = "/ui";
    private static final String SEAL_PURPOSE = "connectionhub:console-session";

    private final ConsoleSessionRepository sessions;
    private final FieldEncryption encryption;
    private final UiConfig config;
    private final boolean secureCookies;

    public ConsoleSessions(ConsoleSessionRepository sessions, FieldEncryption encryption, UiConfig config,
            PublicUrl publicUrl) {
        this.sessions = sessions;
        this.encryption = encryption;
        this.config = config;
        this.secureCookies = publicUrl.base().startsWith("https://");
    }

    /** A new session for the member; the cookie that carries it. */
    public Uni<Cookie> start(SignedInMember member) {
        String secret = Ids.secret(32);
        return sessions.insert(SecretDigest.of(secret), member.tenantId(), member.memberId(), member.email(),
                config.sessionLifetime())
                .map(ignored -> cookie(encryption.seal(secret + "|" + member.tenantId(), SEAL_PURPOSE),
                        config.sessionLifetime().toSeconds()));
    }

    /** The member of a live session, or null for a missing, forged, expired or signed-out cookie. */
    public Uni<ConsoleMember> find(String cookieValue) {
        String[] parts = open(cookieValue);
        if (parts == null) {
            return Uni.createFrom().nullItem();
        }
        return sessions.findLive(SecretDigest.of(parts[0]))
                .map(member -> member != null && member.tenantId().equals(parts[1]) ? member : null);
    }

    public Uni<Void> end(ConsoleMember member) {
        return sessions.delete(member.sessionHash());
    }

    /** The cookie that removes the browser's copy. */
    public Cookie removal() {
        return cookie("", 0);
    }

    private String[] open(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 512
                || !FieldEncryption.isSealed(cookieValue)) {
            return null;
        }
        try {
            String[] parts = encryption.open(cookieValue, SEAL_PURPOSE).split("\\|", 2);
            return parts.length == 2 ? parts : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value).setPath(PATH).setHttpOnly(true).setSecure(secureCookies)
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }
}
