-- Test sign-ins: a console member, or an organization's IT admin in the setup portal, signs in through a connection to
-- see what an application would get. Such a request has no application behind it: test_for says whose test it is
-- ('console:<member id>' or 'setup:<setup link id>'), and its end stores a result instead of sending a code.
ALTER TABLE sign_in_requests
    ALTER COLUMN client_id DROP NOT NULL,
    ALTER COLUMN redirect_uri DROP NOT NULL,
    ADD COLUMN test_for text,
    ADD CONSTRAINT sign_in_requests_application_or_test
        CHECK (test_for IS NOT NULL OR (client_id IS NOT NULL AND redirect_uri IS NOT NULL));

-- The outcome of a test sign-in (the mapped profile and claims, or the failure), sealed with FieldEncryption and bound
-- to its id. It is shown once, to whoever ran the test, and only until it expires; read means deleted.
CREATE TABLE test_sign_in_results (
    id             text PRIMARY KEY,
    tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    connection_id  text NOT NULL,
    test_for       text NOT NULL,
    result_sealed  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL
);
CREATE INDEX test_sign_in_results_expiry ON test_sign_in_results (expires_at);

-- The setup portal's step 5: when the link's connection last passed a test sign-in (cleared when its details change).
ALTER TABLE setup_links ADD COLUMN tested_at timestamptz;
