-- Members: a tenant's administrators, who sign in to the console (/ui). An email belongs to one member of the whole
-- service (ours), so that the sign-in form needs nothing but an email and a password.
CREATE TABLE members (
    id             text PRIMARY KEY,
    tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    seq            bigint GENERATED ALWAYS AS IDENTITY,
    email          text NOT NULL,
    -- PBKDF2, as users' passwords; never returned.
    password_hash  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX members_email_key ON members (lower(email));
CREATE INDEX members_tenant_seq ON members (tenant_id, seq);

-- Signed-in console sessions. The browser holds the session secret sealed in a cookie; the row holds its digest, so
-- any replica can check a session, and signing out (deleting the row) ends it everywhere, copied cookies included.
CREATE TABLE console_sessions (
    secret_hash   text PRIMARY KEY,
    tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    member_id     text NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    member_email  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
CREATE INDEX console_sessions_member ON console_sessions (member_id);

-- Setup links: one organization's IT admin configures its SSO through /setup/<token>. Only the token's digest is
-- stored; opening the link is counted (and capped) by one conditional UPDATE.
CREATE TABLE setup_links (
    id               text PRIMARY KEY,
    tenant_id        text NOT NULL,
    organization_id  text NOT NULL,
    seq              bigint GENERATED ALWAYS AS IDENTITY,
    token_hash       text NOT NULL UNIQUE,
    intents          text[] NOT NULL,
    return_url       text,
    max_opens        integer NOT NULL,
    opens            integer NOT NULL DEFAULT 0,
    -- The SAML SP token reserved for the connection the portal makes (its entity id and ACS URL are shown before the
    -- connection exists), and that connection once made (it may be deleted later).
    sp_token         text NOT NULL,
    connection_id    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    opened_at        timestamptz,
    completed_at     timestamptz,
    revoked_at       timestamptz,
    FOREIGN KEY (organization_id, tenant_id) REFERENCES organizations (id, tenant_id) ON DELETE CASCADE
);
CREATE INDEX setup_links_organization ON setup_links (tenant_id, organization_id, seq);

-- Portal sessions: what the first opening of a link is exchanged for (the token leaves the address bar). A session
-- works only while its link is neither revoked nor expired.
CREATE TABLE setup_sessions (
    secret_hash  text PRIMARY KEY,
    link_id      text NOT NULL REFERENCES setup_links (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX setup_sessions_expiry ON setup_sessions (expires_at);
CREATE INDEX setup_sessions_link ON setup_sessions (link_id);

-- The console's users search: a prefix of the email within one connection, read in byte order whatever the
-- database's collation, so that the range scan is exact.
CREATE INDEX users_connection_email_prefix ON users (connection_id, (lower(email) COLLATE "C"));

-- The console's jobs list, newest first.
CREATE INDEX jobs_tenant_created ON jobs (tenant_id, created_at DESC, id DESC);

-- The console's connections list: every connection of the tenant, those being deleted too, in creation order, and
-- narrowed to one strategy.
CREATE INDEX connections_tenant_seq ON connections (tenant_id, seq);
CREATE INDEX connections_tenant_strategy_seq ON connections (tenant_id, strategy, seq);

-- A connection's page shows its recent sign-in events: newest first within the connection.
CREATE INDEX sign_in_events_connection ON sign_in_events (tenant_id, connection_id, seq);
