-- Users of a connection: the table that gets large. The primary key leads with connection_id, so a connection's
-- users are one index range (keyset listing, batched purge).
CREATE TABLE users (
    connection_id   text NOT NULL REFERENCES connections (id),
    id              bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id       text NOT NULL,
    user_id         text NOT NULL,
    email           text NOT NULL,
    email_verified  boolean NOT NULL DEFAULT false,
    username        text,
    given_name      text,
    family_name     text,
    name            text,
    nickname        text,
    blocked         boolean NOT NULL DEFAULT false,
    -- Slow salted hash (PBKDF2 or an imported bcrypt hash); never returned.
    password_hash   text,
    user_metadata   jsonb,
    app_metadata    jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, id)
);
CREATE UNIQUE INDEX users_connection_email ON users (connection_id, lower(email));
CREATE UNIQUE INDEX users_tenant_user_id ON users (tenant_id, user_id);

-- Long work: user imports and connection deletions. Any replica's worker claims a due job with
-- FOR UPDATE SKIP LOCKED and holds it by a lease it renews; a job whose lease expired is taken over and resumes
-- from the counters below, which each batch updates in the same transaction as its work.
CREATE TABLE jobs (
    id                text PRIMARY KEY,
    tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type              text NOT NULL CHECK (type IN ('users_import', 'connection_deletion')),
    status            text NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    -- No foreign key: a deletion job outlives the connection it deleted.
    connection_id     text NOT NULL,
    connection_name   text NOT NULL,
    external_id       text,
    upsert            boolean NOT NULL DEFAULT false,
    total             bigint,
    processed         bigint NOT NULL DEFAULT 0,
    inserted          bigint NOT NULL DEFAULT 0,
    updated           bigint NOT NULL DEFAULT 0,
    failed            bigint NOT NULL DEFAULT 0,
    deleted           bigint NOT NULL DEFAULT 0,
    error             text,
    lease_owner       text,
    lease_expires_at  timestamptz,
    attempts          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);
CREATE INDEX jobs_due ON jobs (created_at) WHERE status IN ('pending', 'processing');
-- At most one running deletion per connection: a second DELETE finds the connection already gone from reads.
CREATE UNIQUE INDEX jobs_one_deletion_per_connection ON jobs (connection_id)
    WHERE type = 'connection_deletion' AND status IN ('pending', 'processing');

-- An import file, kept in the database so that whichever replica takes the job can read it.
CREATE TABLE job_file_chunks (
    job_id  text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Per-user import errors, in file order.
CREATE TABLE job_errors (
    job_id      text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq         bigint NOT NULL,
    user_entry  jsonb NOT NULL,
    errors      jsonb NOT NULL,
    PRIMARY KEY (job_id, seq)
);
