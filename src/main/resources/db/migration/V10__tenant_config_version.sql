-- Sign-in keeps what it reads of a tenant's configuration (applications, connections and which applications they are
-- enabled for, organizations with their domains and connections, SP identities) in memory, and reads one number per
-- request to know whether that is still current: tenants.config_version. Every change to those tables moves it, in
-- the changing transaction, so a change committed on any replica is seen by the next sign-in on every replica.
ALTER TABLE tenants ADD COLUMN config_version bigint NOT NULL DEFAULT 0;

-- The bump runs at commit (a deferred constraint trigger): the tenant row is locked only for the commit itself, after
-- every other lock the transaction takes, so two concurrent configuration changes of a tenant queue there and never
-- deadlock on it.
CREATE FUNCTION tenant_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed record;
    changed_tenant text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'connection_clients' THEN
        -- No tenant_id: its connection's. (A connection deleted with its links moved the version itself.)
        SELECT tenant_id INTO changed_tenant FROM connections WHERE id = changed.connection_id;
    ELSE
        changed_tenant := changed.tenant_id;
    END IF;
    -- Once per tenant and transaction is enough (readers see the changes and the new number together, at commit):
    -- a statement seeding 100,000 connections moves it once, not 100,000 times.
    IF changed_tenant IS NULL OR current_setting('connectionhub.config_moved', true) = changed_tenant THEN
        RETURN NULL;
    END IF;
    UPDATE tenants SET config_version = config_version + 1 WHERE id = changed_tenant;
    PERFORM set_config('connectionhub.config_moved', changed_tenant, true);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER clients_config_version AFTER INSERT OR UPDATE OR DELETE ON clients
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER connections_config_version AFTER INSERT OR UPDATE OR DELETE ON connections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER connection_clients_config_version AFTER INSERT OR UPDATE OR DELETE ON connection_clients
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER organizations_config_version AFTER INSERT OR UPDATE OR DELETE ON organizations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER organization_domains_config_version AFTER INSERT OR UPDATE OR DELETE ON organization_domains
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER organization_connections_config_version
    AFTER INSERT OR UPDATE OR DELETE ON organization_connections
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
CREATE CONSTRAINT TRIGGER saml_sp_identities_config_version AFTER INSERT OR UPDATE OR DELETE ON saml_sp_identities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tenant_config_changed();
