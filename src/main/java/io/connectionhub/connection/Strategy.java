package io.connectionhub.connection;

import java.util.List;
import java.util.Set;

/** The identity-provider strategies a connection can have (the Auth0 Management API's list). */
public final class Strategy {

    public static final String AUTH0 = "auth0";
    public static final String SAMLP = "samlp";
    public static final String OIDC = "oidc";

    public static final List<String> ALL = List.of("ad", "adfs", "amazon", "apple", "dropbox", "bitbucket", "aol",
            "auth0-oidc", "auth0", "baidu", "bitly", "box", "custom", "daccount", "dwolla", "email",
            "evernote-sandbox", "evernote", "exact", "facebook", "fitbit", "flickr", "github", "google-apps",
            "google-oauth2", "instagram", "ip", "line", "linkedin", "miicard", "oauth1", "oauth2", "office365", "oidc",
            "okta", "paypal", "paypal-sandbox", "pingfederate", "planningcenter", "renren", "salesforce-community",
            "salesforce-sandbox", "salesforce", "samlp", "sharepoint", "shopify", "shop", "sms", "soundcloud",
            "thecity-sandbox", "thecity", "thirtysevensignals", "twitter", "untappd", "vkontakte", "waad", "weibo",
            "windowslive", "wordpress", "yahoo", "yammer", "yandex");

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    /** Database connections: the service stores their users' credentials (and can delete users by email). */
    private static final Set<String> DATABASE = Set.of(AUTH0);

    private Strategy() {
    }

    public static boolean isKnown(String strategy) {
        return KNOWN.contains(strategy);
    }

    public static boolean isDatabase(String strategy) {
        return DATABASE.contains(strategy);
    }
}
