package io.connectionhub.support.keycloak;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser as far as a sign-in needs one: it keeps cookies, follows redirects itself (so it can stop where the
 * flow hands back to the application), fills Keycloak's real login form (read with jsoup, not patterns), and
 * reports where it ends up: a redirect to the application, an auto-posting form (a SAML response on its way to an
 * ACS), or a page.
 */
public final class BrowserSession {

    private static final int MAX_STEPS = 25;

    /** A form the page would submit by itself (SAML HTTP-POST binding): where, and its fields in order. */
    public record FormPost(URI action, Map<String, String> fields) {
    }

    /** Where the browser stopped. Exactly one of {@code redirect}, {@code form} and {@code page} is set. */
    public record Landing(URI redirect, FormPost form, Page page) {

        public URI redirectOrFail() {
            if (redirect == null) {
                throw new AssertionError("Expected a redirect to the application, got " + describe());
            }
            return redirect;
        }

        public FormPost formOrFail() {
            if (form == null) {
                throw new AssertionError("Expected an auto-posting form, got " + describe());
            }
            return form;
        }

        String describe() {
            return redirect != null ? "a redirect to " + redirect : form != null ? "a form posting to " + form.action()
                    : "page " + page.uri() + " (" + page.status() + "): " + page.text();
        }
    }

    /** A page the browser stopped on; {@code text} is its visible text. */
    public record Page(URI uri, int status, String html, String text) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new LoopbackIsSecure(new CookieManager(null, CookiePolicy.ACCEPT_ALL)))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * Opens {@code start} and signs in on Keycloak's login form with these credentials, following redirects until one
     * goes where {@code application} says (not requested), or an auto-posting form or another page is reached.
     */
    public Landing signIn(URI start, String username, String password, Predicate<URI> application) {
        Landing landing = open(start, application);
        if (landing.page() == null) {
            return landing;
        }
        Element form = loginForm(landing.page());
        Map<String, String> fields = fields(form);
        fields.put("username", username);
        fields.put("password", password);
        return post(new FormPost(landing.page().uri().resolve(form.attr("action")), fields), application);
    }

    /** Opens {@code start}, following redirects as {@link #signIn} does. */
    public Landing open(URI start, Predicate<URI> application) {
        return follow(HttpRequest.newBuilder(start).GET(), application);
    }

    /** Submits a form (an auto-posting one, or a login form) and follows where it leads. */
    public Landing post(FormPost form, Predicate<URI> application) {
        return follow(HttpRequest.newBuilder(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakAdmin.form(form.fields()))), application);
    }

    /** The login form of a Keycloak login page. */
    public static Element loginForm(Page page) {
        Document document = Jsoup.parse(page.html(), page.uri().toString());
        Element form = document.selectFirst("form#kc-form-login");
        if (form == null) {
            throw new AssertionError("Not Keycloak's login page: " + page.uri() + " (" + page.status() + "): "
                    + page.text());
        }
        return form;
    }

    private Landing follow(HttpRequest.Builder first, Predicate<URI> application) {
        HttpRequest request = first.timeout(Duration.ofSeconds(60)).build();
        for (int step = 0; step < MAX_STEPS; step++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                URI next = request.uri().resolve(location.get());
                if (application.test(next)) {
                    return new Landing(next, null, null);
                }
                request = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(60)).GET().build();
                continue;
            }
            Document document = Jsoup.parse(response.body(), request.uri().toString());
            Page page = new Page(request.uri(), status, response.body(), document.text());
            Element autoPost = document.selectFirst("form:has(input[name=SAMLResponse]), form:has(input[name=SAMLRequest])");
            if (autoPost != null) {
                return new Landing(null, new FormPost(URI.create(autoPost.absUrl("action")), fields(autoPost)), null);
            }
            return new Landing(null, null, page);
        }
        throw new AssertionError("More than " + MAX_STEPS + " redirects from " + first.build().uri());
    }

    /** The form's named inputs with their values, in document order. */
    private static Map<String, String> fields(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (List.of("submit", "button", "image").contains(type) || (List.of("checkbox", "radio").contains(type)
                    && !input.hasAttr("checked"))) {
                continue;
            }
            fields.put(input.attr("name"), input.val());
        }
        return fields;
    }

    /**
     * Browsers treat {@code http://127.0.0.1} and {@code http://localhost} as secure contexts and send {@code Secure}
     * cookies there (Keycloak marks its login cookies so); the JDK's cookie manager sends them over https only, so
     * loopback URLs are handed to it as https.
     */
    private static final class LoopbackIsSecure extends CookieHandler {

        private final CookieHandler delegate;

        LoopbackIsSecure(CookieHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return delegate.get(secureIfLoopback(uri), requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            delegate.put(secureIfLoopback(uri), responseHeaders);
        }

        private static URI secureIfLoopback(URI uri) {
            String host = uri.getHost();
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host);
            if (!loopback || !"http".equalsIgnoreCase(uri.getScheme())) {
                return uri;
            }
            return URI.create("https://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
