package io.connectionhub.connection;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A connection of a tenant, as stored. Options are kept as the stored JSON text (secret values sealed, see
 * {@link OptionSecrets}) and parsed only for callers allowed to see them; metadata likewise.
 */
public class Connection {

    public static final String ACTIVE = "active";
    public static final String DELETING = "deleting";

    public String id;
    public String tenantId;
    public long seq;
    public String name;
    public String strategy;
    public String displayName;
    public String optionsJson;
    public List<String> realms;
    public String metadataJson;
    public boolean domainConnection;
    public boolean showAsButton;
    public boolean authenticationActive;
    public boolean connectedAccountsActive;
    public String state;
    public Set<String> enabledClients = new LinkedHashSet<>();
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;
}
