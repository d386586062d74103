package io.connectionhub.setup;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.auth.SecretDigest;
import io.connectionhub.common.Ids;
import io.connectionhub.common.InvalidRequest;
import io.connectionhub.common.NotFound;
import io.connectionhub.common.Timestamps;
import io.connectionhub.organization.OrganizationInactive;
import io.connectionhub.organization.OrganizationService;
import io.connectionhub.saml.SpIdentityService;
import io.smallrye.mutiny.Uni;

/**
 * Setup links of an organization: made (the URL, with its 32-byte random token, is shown once; only the token's digest
 * is stored), listed with their state, revoked; and opened, which exchanges the token for a portal session.
 */
@ApplicationScoped
public class SetupLinkService {

    static final Set<String> INTENTS = Set.of(SetupLink.SSO, SetupLink.DOMAIN_VERIFICATION);
    static final int MAX_URL = 2048;
    static final long MIN_TTL_SECONDS = 60;

    private final SetupLinkRepository links;
    private final OrganizationService organizations;
    private final SetupConfig config;
    private final PublicUrl publicUrl;

    public SetupLinkService(SetupLinkRepository links, OrganizationService organizations, SetupConfig config,
            PublicUrl publicUrl) {
        this.links = links;
        this.organizations = organizations;
        this.config = config;
        this.publicUrl = publicUrl;
    }

    public Uni<SetupLinkCreated> create(String tenantId, String organizationId, SetupLinkRequest request) {
        if (request == null) {
            throw new InvalidRequest("Intents", "a value is required", null);
        }
        List<String> intents = intents(request.intents());
        Duration ttl = ttl(request.ttlSeconds());
        String returnUrl = returnUrl(request.returnUrl());
        String token = Ids.secret(32);
        return organizations.get(tenantId, organizationId).chain(organization -> {
            if (!organization.active()) {
                throw new OrganizationInactive();
            }
            return links.insert(Ids.alphanumeric("setup_", 16), tenantId, organizationId, SecretDigest.of(token), intents,
                    returnUrl, config.maxOpens(), SpIdentityService.newToken(), ttl);
        }).map(link -> new SetupLinkCreated(link.id(), publicUrl.base() + "/setup/" + token,
                Timestamps.formatSeconds(link.expiresAt())));
    }

    public Uni<SetupLinksList> list(String tenantId, String organizationId) {
        return organizations.get(tenantId, organizationId).chain(organization -> links.listFor(tenantId, organizationId))
                .map(found -> new SetupLinksList(found.stream().map(SetupLinkResponse::of).toList()));
    }

    /** Revokes the link (its portal sessions stop working at once); revoking twice is harmless. */
    public Uni<SetupLinkResponse> revoke(String tenantId, String organizationId, String linkId) {
        return organizations.get(tenantId, organizationId).chain(organization -> links.revoke(tenantId, organizationId,
                linkId)).map(link -> {
                    if (link == null) {
                        throw new NotFound(NotFound.Kind.SETUP_LINK, "The setup link does not exist within the organization.");
                    }
                    return SetupLinkResponse.of(link);
                });
    }

    private static List<String> intents(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new InvalidRequest("Intents", "at least one of sso, domain_verification is required", null);
        }
        Set<String> intents = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String intent = given.get(i);
            if (intent == null || !INTENTS.contains(intent)) {
                throw new InvalidRequest("Intents[" + i + "]", "'" + (intent == null ? "null" : printable(intent))
                        + "' is not one of sso, domain_verification", null);
            }
            intents.add(intent);
        }
        return new ArrayList<>(intents);
    }

    private Duration ttl(Long seconds) {
        if (seconds == null) {
            return config.defaultTtl();
        }
        if (seconds < MIN_TTL_SECONDS || seconds > config.maxTtl().toSeconds()) {
            throw new InvalidRequest("TtlSeconds", "must be between " + MIN_TTL_SECONDS + " and "
                    + config.maxTtl().toSeconds() + " (" + seconds + " given)", null);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String returnUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (url.length() <= MAX_URL && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // falls through to the refusal
        }
        throw new InvalidRequest("ReturnUrl", "'" + printable(url) + "' is not an absolute http or https URL of at most "
                + MAX_URL + " characters", null);
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
