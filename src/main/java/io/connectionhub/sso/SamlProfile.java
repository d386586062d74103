package io.connectionhub.sso;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectionhub.saml.SamlResponseChecks;
import io.connectionhub.saml.SamlSettings;

/**
 * The signed-in user of an accepted SAML assertion, mapped by the connection's {@code Attributes} (organization
 * family) or {@code options.fieldsMap} ({@code samlp}); a field either leaves out is read from the usual attribute
 * names and claim URIs, and the subject falls back to the NameID.
 */
final class SamlProfile {

    private static final String CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";
    private static final Map<String, List<String>> USUAL = Map.of(
            "email", List.of("email", "mail", "emailaddress", "Email", CLAIMS + "emailaddress",
                    "urn:oid:0.9.2342.19200300.100.1.3"),
            "given_name", List.of("given_name", "givenName", "firstName", "FirstName", CLAIMS + "givenname",
                    "urn:oid:2.5.4.42"),
            "family_name", List.of("family_name", "sn", "surname", "lastName", "LastName", CLAIMS + "surname",
                    "urn:oid:2.5.4.4"),
            "name", List.of("name", "displayName", "cn", CLAIMS + "name", "urn:oid:2.16.840.1.113730.3.1.241"),
            "groups", List.of("groups", "Groups", "memberOf", "http://schemas.xmlsoap.org/claims/Group",
                    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "Role", "role"));

    private SamlProfile() {
    }

    static UpstreamProfile of(SamlSettings connection, SamlResponseChecks.Accepted accepted) {
        Map<String, List<String>> attributes = accepted.attributes();
        String subject = first(values(connection, attributes, "subject"));
        if (subject == null) {
            subject = accepted.nameId();
        }
        String email = first(values(connection, attributes, "email"));
        if (email == null && accepted.nameId() != null && accepted.nameId().contains("@")) {
            email = accepted.nameId();
        }
        String given = first(values(connection, attributes, "given_name"));
        String family = first(values(connection, attributes, "family_name"));
        String name = first(values(connection, attributes, "name"));
        if (name == null && (given != null || family != null)) {
            name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        connection.customClaims().forEach((claim, attribute) -> {
            List<String> found = attributes.get(attribute);
            if (found != null && !found.isEmpty()) {
                custom.put(claim, found.size() == 1 ? found.get(0) : List.copyOf(found));
            }
        });
        return new UpstreamProfile(subject, email, false, name, given, family, values(connection, attributes, "groups"),
                custom, attributes);
    }

    /** The values of the first attribute the mapping (then the usual names) names that the assertion carries. */
    private static List<String> values(SamlSettings connection, Map<String, List<String>> attributes, String field) {
        List<String> names = new ArrayList<>(connection.fields().getOrDefault(field, List.of()));
        if ("subject".equals(field) && names.isEmpty()) {
            return List.of();
        }
        names.addAll(USUAL.getOrDefault(field, List.of()));
        for (String name : names) {
            List<String> found = attributes.get(name);
            if (found != null && found.stream().anyMatch(value -> value != null && !value.isBlank())) {
                return found.stream().filter(value -> value != null && !value.isBlank()).toList();
            }
        }
        return List.of();
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
