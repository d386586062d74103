-- Sign-in through the connections (the OpenID provider of the tenant's apps). Everything a flow needs between two
-- requests lives here, so that any replica serves any step of it; single use is one UPDATE ... WHERE consumed_at IS
-- NULL ... RETURNING. The job worker purges what has expired.

-- What a sign-in records on the user. Adding a column with a constant default does not rewrite the table.
ALTER TABLE users ADD COLUMN last_login timestamptz;
ALTER TABLE users ADD COLUMN last_ip text;
ALTER TABLE users ADD COLUMN logins_count bigint NOT NULL DEFAULT 0;
-- A user signed in through an identity provider may have no email (a SAML NameID that is an opaque id).
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- An application's /authorize request, from the moment it is accepted until the sign-in ends (or it expires).
-- The id is opaque and unguessable: it is the RelayState (SAML) or state (OIDC) sent upstream, and the state of the
-- service's own sign-in pages. The upstream engine keeps what it must check on the way back: upstream_id (e.g. the
-- SAML AuthnRequest ID, looked up by InResponseTo), upstream (clear data, e.g. the OIDC nonce) and upstream_sealed
-- (secrets, e.g. the OIDC PKCE verifier: a JSON object sealed by FieldEncryption, bound to this row's id).
CREATE TABLE sign_in_requests (
    id                     text PRIMARY KEY,
    tenant_id              text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    client_id              text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    redirect_uri           text NOT NULL,
    state                  text,
    nonce                  text,
    code_challenge         text,
    code_challenge_method  text,
    scope                  text NOT NULL,
    connection_id          text,
    organization_id        text,
    login_hint             text,
    prompt                 text,
    upstream_id            text,
    upstream               jsonb NOT NULL DEFAULT '{}',
    upstream_sealed        text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    expires_at             timestamptz NOT NULL,
    consumed_at            timestamptz
);
CREATE INDEX sign_in_requests_expiry ON sign_in_requests (expires_at);
CREATE INDEX sign_in_requests_upstream ON sign_in_requests (upstream_id) WHERE upstream_id IS NOT NULL;

-- Authorization codes: single use, bound to the client, the redirect URI and the PKCE challenge. Only a digest of
-- the code is stored, and the signed-in profile is sealed (FieldEncryption), so the database alone reveals neither.
-- A redeemed code keeps its row until the access token it gave expires: /userinfo reads the profile and the
-- revocation from it (by the token's jti), and a second redemption revokes that token (RFC 6749 4.1.2).
CREATE TABLE authorization_codes (
    code_hash                text PRIMARY KEY,
    tenant_id                text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    client_id                text NOT NULL,
    redirect_uri             text NOT NULL,
    code_challenge           text,
    scope                    text NOT NULL,
    user_id                  text NOT NULL,
    connection_id            text NOT NULL,
    profile_sealed           text NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now(),
    expires_at               timestamptz NOT NULL,
    consumed_at              timestamptz,
    access_token_id          text,
    access_token_expires_at  timestamptz,
    revoked_at               timestamptz,
    purge_after              timestamptz NOT NULL
);
CREATE UNIQUE INDEX authorization_codes_access_token ON authorization_codes (access_token_id)
    WHERE access_token_id IS NOT NULL;
CREATE INDEX authorization_codes_purge ON authorization_codes (purge_after);

-- Failed password attempts per (what is signed in to, user, IP): the brute-force protection. An attempt is counted
-- before its password is checked (and forgotten on success), so concurrent guesses cannot exceed the limit.
CREATE TABLE login_attempts (
    scope          text NOT NULL,
    subject        text NOT NULL,
    ip             text NOT NULL,
    failures       integer NOT NULL,
    blocked_until  timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, subject, ip)
);
CREATE INDEX login_attempts_updated ON login_attempts (updated_at);

-- Auth0-style log events of sign-in attempts and code exchanges (/api/v2/logs). The log id is the sequence number,
-- so checkpoint paging (from, take) follows insertion order.
CREATE TABLE sign_in_events (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    date             timestamptz NOT NULL DEFAULT now(),
    type             text NOT NULL,
    description      text,
    connection       text,
    connection_id    text,
    strategy         text,
    client_id        text,
    client_name      text,
    user_id          text,
    user_name        text,
    ip               text,
    user_agent       text,
    organization_id  text
);
CREATE INDEX sign_in_events_tenant ON sign_in_events (tenant_id, seq);
CREATE INDEX sign_in_events_date ON sign_in_events (date);
