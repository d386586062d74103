-- Connections of a tenant. The name is unique per tenant, case-insensitively, for as long as the row exists,
-- including while it is being deleted (state 'deleting'): that is what reserves a name until its purge ends.
CREATE TABLE connections (
    id                         text PRIMARY KEY,
    tenant_id                  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    seq                        bigint GENERATED ALWAYS AS IDENTITY,
    name                       text NOT NULL,
    strategy                   text NOT NULL,
    display_name               text,
    -- Strategy options; values of secret options are replaced by encrypted envelopes (see FieldEncryption).
    options                    jsonb NOT NULL DEFAULT '{}',
    realms                     text[] NOT NULL DEFAULT '{}',
    metadata                   jsonb,
    is_domain_connection       boolean NOT NULL DEFAULT false,
    show_as_button             boolean NOT NULL DEFAULT false,
    authentication_active      boolean NOT NULL DEFAULT true,
    connected_accounts_active  boolean NOT NULL DEFAULT false,
    state                      text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleting')),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX connections_name_key ON connections (tenant_id, lower(name));
-- Keyset paging in creation order over the connections a tenant can see.
CREATE INDEX connections_active_seq ON connections (tenant_id, seq) WHERE state = 'active';

-- Clients a connection is enabled for; a deleted client or connection takes its rows with it.
CREATE TABLE connection_clients (
    connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    client_id      text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    PRIMARY KEY (connection_id, client_id)
);
CREATE INDEX connection_clients_client ON connection_clients (client_id);
