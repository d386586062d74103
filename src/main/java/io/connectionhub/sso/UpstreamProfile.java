package io.connectionhub.sso;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user an identity provider signed in, normalized by the engine after every check passed and its attribute
 * mapping applied ({@code Attributes} / {@code options.fieldsMap}, or the usual attribute names and claims).
 *
 * @param subject the IdP's stable id of the user (SAML NameID or mapped ID attribute, OIDC {@code sub}); required
 * @param groups the IdP groups; an organization connection's {@code GroupRoles} turn them into roles
 * @param customClaims claims of the {@code CustomMapping} (claim name to value: a string or a list of strings); a
 *         standard claim's name is ignored
 * @param attributes the raw attributes or claims as received (kept out of tokens and logs)
 */
public record UpstreamProfile(String subject, String email, boolean emailVerified, String name, String givenName,
        String familyName, List<String> groups, Map<String, Object> customClaims, Map<String, List<String>> attributes) {

    public UpstreamProfile {
        groups = groups == null ? List.of() : groups.stream().filter(Objects::nonNull).toList();
        customClaims = customClaims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(customClaims));
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
