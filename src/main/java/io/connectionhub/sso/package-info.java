/**
 * Sign-in through the connections: the service as the OpenID Connect provider of the tenant's applications
 * ({@code /.well-known/openid-configuration}, {@code /authorize}, the {@code authorization_code} grant of
 * {@code /oauth/token}, {@code /userinfo}), the service's own sign-in pages ({@code /u/login/...}: identifier first,
 * password form of database connections, choice among an organization's connections), and the sign-in log
 * ({@code /api/v2/logs}). The contract is {@code contracts/sso-runtime.md}.
 *
 * <h2>How a sign-in runs</h2>
 * <ol>
 * <li>{@code /authorize} checks the request ({@link io.connectionhub.sso.AuthorizationRequest}): an unknown client or a
 * redirect URI not exactly among its callbacks gets an error page, never a redirect; every other refusal redirects to
 * the application with {@code error}, {@code error_description}, {@code state} and {@code iss}.</li>
 * <li>It stores a {@link io.connectionhub.sso.PendingRequest} (PostgreSQL, so any replica serves any step) and
 * routes it ({@code SignInRouter}): the connection named, one of the organization's, the organization that has the
 * email's domain verified, or a database connection; or the identifier / organization page first.</li>
 * <li>The connection's engine ({@link io.connectionhub.sso.UpstreamSignIn}) starts the sign-in at the identity
 * provider and answers the browser redirect.</li>
 * <li>When the IdP answers, the engine's endpoint checks the answer and calls {@link
 * io.connectionhub.sso.SignInCompletion}: success consumes the request, creates or updates the user, and redirects to
 * the application with a single-use code; failure redirects with {@code access_denied}. Both write a log event.</li>
 * <li>The application redeems the code at {@code /oauth/token} ({@code CodeRedemption}) for an id token and a
 * {@code /userinfo} access token.</li>
 * </ol>
 *
 * <h2>Plugging in an engine (SAML, OIDC)</h2>
 * <p>An engine is one CDI bean implementing {@link io.connectionhub.sso.UpstreamSignIn} for its
 * {@link io.connectionhub.sso.UpstreamKind} ({@code SAML}: {@code samlp} and organization {@code saml_*} connections;
 * {@code OIDC}: {@code oidc} and organization {@code oidc_*} connections). Until a kind has a bean, {@code /authorize}
 * answers the application {@code access_denied} ("Sign-in through SAML connections ... is not available on this
 * service") and logs an {@code f} event; nothing else changes when the bean arrives.
 * <ul>
 * <li>{@code start(PendingRequest, SignInConnection)} returns an {@link io.connectionhub.sso.UpstreamStart}: the
 * redirect (IdP SSO URL with the AuthnRequest; OIDC authorization endpoint), plus what to find again:
 * {@code upstreamId} (e.g. the AuthnRequest ID; {@code SignInCompletion.pendingByUpstreamId} finds the request by it),
 * {@code data} (clear, e.g. the OIDC nonce) and {@code secrets} (sealed at rest, e.g. the OIDC PKCE verifier). Send
 * {@link io.connectionhub.sso.PendingRequest#id()} upstream as the {@code RelayState} / {@code state}; honour
 * {@link io.connectionhub.sso.PendingRequest#forceAuthn()}. Throw {@link io.connectionhub.sso.UpstreamRefused} for
 * an admin-actionable refusal (incomplete IdP settings); run XML, signatures and remote calls off the event loop.</li>
 * <li>At the ACS / callback: {@code SignInCompletion.pending(relayStateOrState)} (null: unknown, expired or used; show
 * an error page, and {@code failUnbound} logs it when the connection is known), {@code connection(tenantId,
 * connectionId)}; check the answer; then {@code succeed(requestId, UpstreamProfile, Browser)} or
 * {@code fail(requestId, description, Browser)}, and send the browser to the returned URI (303). Both throw
 * {@code PageRefused} (an error page on page paths) when the request is no longer active: a replay never gets a
 * second code.</li>
 * <li>IdP-initiated SAML (only where the connection allows it): {@code succeedIdpInitiated(config, connection, clientId,
 * redirectUriOrNull, profile, browser)}; the code goes to the application's first callback (or the redirect URI
 * given, which must be one of its callbacks) without {@code state}.</li>
 * <li>{@link io.connectionhub.sso.UpstreamProfile}: {@code subject} (required; the user id becomes
 * {@code <strategy>|<connection name>|<subject>}), email, email_verified, names, groups (an organization connection's
 * {@code GroupRoles} turn them into {@code roles}), custom claims of a {@code CustomMapping}, raw attributes (never
 * in tokens or logs). Apply the connection's attribute mapping before.</li>
 * <li>Descriptions name the failed check and its values ("Audience mismatch: expected X, got Y"); they go to the
 * {@code f} log event and the application's {@code error_description}. Never an assertion, token or password.</li>
 * <li>{@link io.connectionhub.sso.SsoConfig#clockSkew()} is the skew for upstream time checks. Expired state of an
 * engine (the SAML replay table) is purged by a {@link io.connectionhub.job.PeriodicPurge} bean of its own.</li>
 * </ul>
 *
 * <h2>Database connections</h2>
 * <p>{@link io.connectionhub.sso.DatabaseSignIn} is the engine of {@code auth0} connections: the password form
 * ({@code PasswordLogin}) checks the connection's users (PBKDF2, imported bcrypt), the same message and work for an
 * unknown email and a wrong password, and brute-force protection per (user, IP) through
 * {@link io.connectionhub.auth.LoginThrottle}.
 */
package io.connectionhub.sso;
