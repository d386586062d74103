-- SAML assertion ids already accepted, per connection, kept until the assertion's NotOnOrAfter plus the clock skew:
-- a second post of the same assertion (a replay) finds its id here, on whichever replica it arrives.
CREATE TABLE saml_assertion_replays (
    connection_id  text NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    assertion_id   text NOT NULL,
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (connection_id, assertion_id)
);
CREATE INDEX saml_assertion_replays_expiry ON saml_assertion_replays (expires_at);
