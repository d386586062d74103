package io.connectionhub.connection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Entity to the Auth0 family's response; options opened only for callers allowed to see them. */
@ApplicationScoped
public class ConnectionMapper {

    private final OptionSecrets secrets;

    public ConnectionMapper(OptionSecrets secrets) {
        this.secrets = secrets;
    }

    public ConnectionResponse toResponse(Connection c, boolean withOptions) {
        return new ConnectionResponse(c.id,
                withOptions ? secrets.open(c.options, c.tenantId, c.id) : null,
                c.strategy, c.name, c.displayName, c.domainConnection, c.showAsButton,
                c.enabledClients.stream().sorted().toList(), List.copyOf(c.realms), c.metadata,
                new ConnectionResponse.Active(c.authenticationActive),
                new ConnectionResponse.Active(c.connectedAccountsActive));
    }
}
