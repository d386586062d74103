package io.connectionhub.organization;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule for an organization's {@code DomainName}: a lower-case DNS name that is not a consumer mail domain. */
final class DomainNames {

    static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /**
     * Mail domains anyone can have an address at: claiming one would route strangers to an organization's IdP.
     * The large providers only; the list is ours.
     */
    static final Set<String> CONSUMER_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "hotmail.co.uk", "outlook.fr", "hotmail.fr", "live.fr", "yahoo.com", "yahoo.co.uk",
            "yahoo.fr", "ymail.com", "rocketmail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
            "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "yandex.com",
            "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "fastmail.com", "tutanota.com",
            "hey.com");

    private DomainNames() {
    }

    /** Why {@code name} cannot be an organization's domain, or null when it can. */
    static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "a value is required";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return "'" + name + "' must be written in lower case (" + name.toLowerCase(Locale.ROOT) + ")";
        }
        if (name.length() > MAX_LENGTH) {
            return "a DNS name has at most " + MAX_LENGTH + " characters (" + name.length() + " given)";
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return "'" + name + "' is not a domain name: it needs at least two labels, like example.com";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "'" + name + "' is not a valid DNS name: each dot-separated label has 1-63 letters, digits "
                        + "or hyphens and neither starts nor ends with a hyphen";
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            return "'" + name + "' is an IP address, not a domain name";
        }
        if (CONSUMER_MAIL.contains(name)) {
            return name + " is a consumer mail domain (anyone can have an address there); use the organization's "
                    + "own domain";
        }
        return null;
    }
}
