package io.connectionhub.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.connectionhub.page.PageRefused;
import io.connectionhub.tenant.SignInClient;

/**
 * The parameters of {@code /authorize}, checked in the order the errors must be told: first what decides whether
 * the browser may be sent back to the application at all (client, redirect URI: an error page otherwise, never a
 * redirect), then everything else (an error redirect to the application).
 */
record AuthorizationRequest(String clientId, String redirectUri, String state, String nonce, String scope,
        String codeChallenge, String codeChallengeMethod, String connection, String organization, String loginHint,
        String prompt) {

    static final String S256 = "S256";
    /** Scopes the provider knows; others are left out of what is granted, as Auth0 does. */
    static final List<String> KNOWN_SCOPES = List.of("openid", "profile", "email");
    /** RFC 7636 4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_STATE = 2048;
    private static final int MAX_VALUE = 512;
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    /** The client id as given (an error page when it is missing, repeated or malformed). */
    static String clientId(Map<String, List<String>> parameters) {
        String clientId = single(parameters, "client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw new PageRefused(400, "The request names no application: client_id is missing (or given more than once).");
        }
        if (clientId.length() > 128 || !printable(clientId)) {
            throw new PageRefused(400, "The client_id is not one this service issues.");
        }
        return clientId;
    }

    /** The redirect URI, when it is exactly one of the client's callbacks; an error page otherwise. */
    static String redirectUri(Map<String, List<String>> parameters, SignInClient client) {
        String redirectUri = single(parameters, "redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            throw new PageRefused(400, "The request has no redirect_uri (or more than one). The application must send "
                    + "one of its registered callback URLs.");
        }
        if (!client.callbacks().contains(redirectUri)) {
            throw new PageRefused(400, "The redirect_uri is not one of the callback URLs registered for the application "
                    + "'" + client.name() + "'. An administrator can add it to the application's callbacks.");
        }
        try {
            URI uri = new URI(redirectUri);
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw new URISyntaxException(redirectUri, "not absolute, or has a fragment");
            }
        } catch (URISyntaxException e) {
            throw new PageRefused(400, "The application's callback URL is not an absolute URL without a fragment; an "
                    + "administrator must correct it in the application's callbacks.");
        }
        return redirectUri;
    }

    /**
     * The rest of the request, for a client and redirect URI already checked. The state is read first, so that every
     * later refusal can carry it.
     */
    static AuthorizationRequest parse(Map<String, List<String>> parameters, SignInClient client, String redirectUri,
            String state) {
        String responseType = optional(parameters, "response_type", MAX_VALUE);
        if (responseType == null) {
            throw invalid("Missing required parameter: response_type");
        }
        if (!responseType.equals("code")) {
            throw new AuthorizeRefused(AuthorizeRefused.UNSUPPORTED_RESPONSE_TYPE,
                    "Unsupported response_type: " + responseType + ". Only the authorization code flow (code) is served.");
        }
        String responseMode = optional(parameters, "response_mode", MAX_VALUE);
        if (responseMode != null && !responseMode.equals("query")) {
            throw invalid("Unsupported response_mode: " + responseMode + ". Codes are returned in the query.");
        }
        if (parameters.containsKey("request") || parameters.containsKey("request_uri")) {
            throw new AuthorizeRefused("request_not_supported", "Request objects (request, request_uri) are not supported");
        }
        String scope = scope(optional(parameters, "scope", MAX_STATE));
        String nonce = optional(parameters, "nonce", MAX_VALUE);
        String challenge = optional(parameters, "code_challenge", MAX_VALUE);
        String method = optional(parameters, "code_challenge_method", MAX_VALUE);
        if (challenge == null && method != null) {
            throw invalid("code_challenge_method was sent without a code_challenge");
        }
        if (challenge != null) {
            if (method == null || !method.equals(S256)) {
                throw invalid("code_challenge_method must be S256" + (method == null
                        ? " (it defaults to plain, which is not accepted)" : "; " + method + " is not accepted"));
            }
            if (!S256_CHALLENGE.matcher(challenge).matches()) {
                throw invalid("code_challenge is not an S256 challenge (43 base64url characters)");
            }
        } else if (client.isPublic()) {
            throw invalid("PKCE is required for this application (a public client): send a code_challenge with "
                    + "code_challenge_method=S256");
        }
        String prompt = optional(parameters, "prompt", MAX_VALUE);
        if (prompt != null) {
            Set<String> prompts = new LinkedHashSet<>(Arrays.asList(prompt.trim().split("\\s+")));
            if (!PROMPTS.containsAll(prompts)) {
                throw invalid("Unsupported prompt: " + prompt);
            }
            if (prompts.contains("none") && prompts.size() > 1) {
                throw invalid("prompt=none cannot be combined with other values");
            }
            if (prompts.contains("none")) {
                throw new AuthorizeRefused(AuthorizeRefused.LOGIN_REQUIRED,
                        "The user must sign in: this service keeps no session to sign in without asking");
            }
        }
        String connection = optional(parameters, "connection", MAX_VALUE);
        String organization = optional(parameters, "organization", MAX_VALUE);
        String loginHint = optional(parameters, "login_hint", MAX_VALUE);
        return new AuthorizationRequest(client.clientId(), redirectUri, state, nonce, scope, challenge,
                challenge == null ? null : S256, connection, organization, loginHint, prompt);
    }

    /** The application's state: echoed on every later error, so read before anything else can fail. */
    static String state(Map<String, List<String>> parameters) {
        List<String> values = parameters.get("state");
        if (values == null || values.size() != 1) {
            return null;
        }
        String state = values.get(0);
        return state.length() <= MAX_STATE && printable(state) ? state : null;
    }

    /** Whether the state sent (if any) can be echoed; a refusal otherwise (too long, repeated, control characters). */
    static void checkState(Map<String, List<String>> parameters) {
        List<String> values = parameters.get("state");
        if (values != null && (values.size() != 1 || state(parameters) == null)) {
            throw invalid("state must be sent once, as printable text of at most " + MAX_STATE + " characters");
        }
    }

    /** What is granted: the known scopes asked for, in the provider's order; {@code openid} when none was asked. */
    private static String scope(String requested) {
        if (requested == null || requested.isBlank()) {
            return "openid";
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        List<String> granted = KNOWN_SCOPES.stream().filter(asked::contains).toList();
        if (granted.isEmpty()) {
            throw invalid("scope must include openid (and may include profile and email)");
        }
        return String.join(" ", granted);
    }

    private static String optional(Map<String, List<String>> parameters, String name, int max) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(name + " was sent more than once");
        }
        String value = values.get(0);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            throw invalid(name + " is longer than " + max + " characters");
        }
        if (!printable(value)) {
            throw invalid(name + " holds control characters");
        }
        return value;
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /** No control characters (NUL included), and no unpaired surrogates. */
    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static AuthorizeRefused invalid(String description) {
        return new AuthorizeRefused(AuthorizeRefused.INVALID_REQUEST, description);
    }
}
