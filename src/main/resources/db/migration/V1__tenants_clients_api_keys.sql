-- Tenants own everything; every other row carries tenant_id and every query is scoped by it.
CREATE TABLE tenants (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tenants_name_key ON tenants (lower(name));

-- Applications of a tenant. Machine-to-machine clients get tokens from /oauth/token with the scopes listed here.
-- Secrets are random and high-entropy, so a SHA-256 digest is enough to store them (never the secret itself).
CREATE TABLE clients (
    client_id                   text PRIMARY KEY,
    tenant_id                   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    seq                         bigint GENERATED ALWAYS AS IDENTITY,
    name                        text NOT NULL,
    description                 text,
    app_type                    text NOT NULL,
    is_first_party              boolean NOT NULL DEFAULT true,
    token_endpoint_auth_method  text NOT NULL,
    secret_hash                 text,
    grant_types                 text[] NOT NULL DEFAULT '{}',
    scopes                      text[] NOT NULL DEFAULT '{}',
    callbacks                   text[] NOT NULL DEFAULT '{}',
    allowed_origins             text[] NOT NULL DEFAULT '{}',
    web_origins                 text[] NOT NULL DEFAULT '{}',
    allowed_logout_urls         text[] NOT NULL DEFAULT '{}',
    client_metadata             jsonb NOT NULL DEFAULT '{}',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_tenant_seq ON clients (tenant_id, seq);

-- Keys of the /v2/manage (LoginRadius-style) family: the key is public, the secret is stored as a digest.
CREATE TABLE api_keys (
    api_key      text PRIMARY KEY,
    tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    secret_hash  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);
