-- Organizations of a tenant (the /v2/manage family): the B2B customers who bring their own identity provider.
CREATE TABLE organizations (
    id            text PRIMARY KEY,
    tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    seq           bigint GENERATED ALWAYS AS IDENTITY,
    name          text NOT NULL,
    display_name  text,
    logo_url      text,
    metadata      jsonb,
    is_active     boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Target of the composite foreign keys below, which keep a child row in its organization's tenant.
    UNIQUE (id, tenant_id)
);
-- Keyset paging in creation order.
CREATE UNIQUE INDEX organizations_tenant_seq ON organizations (tenant_id, seq);

-- Email domains an organization claims. A domain is verified (verified_at set) once its DNS TXT challenge holds
-- the token; until then any organization of the tenant may claim it, but only one may have it verified.
CREATE TABLE organization_domains (
    id                  text PRIMARY KEY,
    tenant_id           text NOT NULL,
    organization_id     text NOT NULL,
    domain_name         text NOT NULL,
    verification_token  text NOT NULL,
    verified_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, tenant_id) REFERENCES organizations (id, tenant_id) ON DELETE CASCADE,
    UNIQUE (id, organization_id)
);
CREATE UNIQUE INDEX organization_domains_name_key ON organization_domains (organization_id, domain_name);
CREATE UNIQUE INDEX organization_domains_verified_key ON organization_domains (tenant_id, domain_name)
    WHERE verified_at IS NOT NULL;

-- An organization's connection: a tenant connection (the connections row holds its name, strategy and state) and
-- what the organization family adds to it. The row goes with its connection's (when a deletion's purge ends) or
-- with its organization's. The domain must be one of the organization's, and cannot be deleted while used here.
CREATE TABLE organization_connections (
    connection_id       text PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    tenant_id           text NOT NULL,
    organization_id     text NOT NULL,
    domain_id           text NOT NULL,
    connection_type     text NOT NULL CHECK (connection_type IN ('saml_custom', 'saml_okta', 'saml_azure',
                            'saml_google', 'saml_ping', 'oidc_custom', 'oidc_okta', 'oidc_azure', 'oidc_google')),
    is_idp_initiated    boolean NOT NULL DEFAULT false,
    -- SAML: the identity provider's entity id, SSO URL and signing certificate (PEM), and where they came from.
    idp_entity_id       text,
    idp_sso_url         text,
    idp_certificate     text,
    idp_metadata_url    text,
    -- OIDC: the issuer (checked by discovery) and the client credentials; the secret is sealed (FieldEncryption).
    oidc_issuer         text,
    oidc_client_id      text,
    oidc_client_secret  text,
    oidc_scopes         text[],
    -- Profile field -> IdP attribute: {"ID": ..., "Email": ..., "CustomMapping": {...}}.
    attributes          jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, tenant_id) REFERENCES organizations (id, tenant_id) ON DELETE CASCADE,
    FOREIGN KEY (domain_id, organization_id) REFERENCES organization_domains (id, organization_id)
);
CREATE INDEX organization_connections_organization ON organization_connections (organization_id);
CREATE INDEX organization_connections_domain ON organization_connections (domain_id);

-- IdP group -> role mapping of an organization connection; position keeps the order given.
CREATE TABLE organization_group_roles (
    id             text PRIMARY KEY,
    tenant_id      text NOT NULL,
    connection_id  text NOT NULL REFERENCES organization_connections (connection_id) ON DELETE CASCADE,
    position       integer NOT NULL,
    group_id       text NOT NULL,
    name           text,
    role_id        text NOT NULL
);
CREATE INDEX organization_group_roles_connection ON organization_group_roles (connection_id);

-- The service's side of a SAML connection: the token in its public URLs (entity id, metadata, ACS) and the
-- certificate it signs with. The private key is sealed (FieldEncryption) and never leaves the service.
CREATE TABLE saml_sp_identities (
    connection_id       text PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    tenant_id           text NOT NULL,
    token               text NOT NULL UNIQUE,
    certificate_pem     text NOT NULL,
    private_key_sealed  text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- "Is this connection already being deleted, or deleted?": a deletion job outlives its connection row.
CREATE INDEX jobs_deletion_of_connection ON jobs (tenant_id, connection_id) WHERE type = 'connection_deletion';
