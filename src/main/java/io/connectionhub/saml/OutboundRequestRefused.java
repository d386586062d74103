package io.connectionhub.saml;

import io.connectionhub.common.DomainException;

/** A server-side request the service will not make or finish because the URL or the answer breaks a rule. */
public class OutboundRequestRefused extends DomainException {

    /** The rule that was broken. */
    public enum Rule {
        /** Not an absolute http(s) URL with a host, or it carries credentials. */
        INVALID_URL,
        /** Not https (or not http/https when http is allowed). */
        SCHEME_NOT_ALLOWED,
        /** The host is, or resolves to, a non-public address. */
        NON_PUBLIC_ADDRESS,
        /** A redirect to another host. */
        REDIRECT_TO_OTHER_HOST,
        /** A redirect from https to http. */
        REDIRECT_DOWNGRADE,
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS,
        /** A body over the size cap. */
        TOO_LARGE
    }

    private final Rule rule;
    private final String url;

    public OutboundRequestRefused(Rule rule, String url, String problem) {
        super(url + " refused: " + problem);
        this.rule = rule;
        this.url = url;
    }

    public Rule rule() {
        return rule;
    }

    /** The URL being fetched when the rule was broken (after redirects, the redirect's source). */
    public String url() {
        return url;
    }
}
