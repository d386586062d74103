package io.connectionhub.auth;

import java.util.List;

/** The management API's scopes; a token's {@code scope} claim holds the ones it was granted. */
public final class Scopes {

    public static final String CREATE_CONNECTIONS = "create:connections";
    public static final String READ_CONNECTIONS = "read:connections";
    public static final String UPDATE_CONNECTIONS = "update:connections";
    public static final String DELETE_CONNECTIONS = "delete:connections";
    public static final String READ_CONNECTIONS_OPTIONS = "read:connections_options";
    public static final String UPDATE_CONNECTIONS_OPTIONS = "update:connections_options";
    public static final String CREATE_USERS = "create:users";
    public static final String READ_USERS = "read:users";
    public static final String DELETE_USERS = "delete:users";
    public static final String READ_CLIENTS = "read:clients";
    public static final String CREATE_CLIENTS = "create:clients";
    public static final String UPDATE_CLIENTS = "update:clients";
    public static final String DELETE_CLIENTS = "delete:clients";
    public static final String READ_LOGS = "read:logs";

    /** Every management scope, in the order the contract lists them. */
    public static final List<String> ALL = List.of(CREATE_CONNECTIONS, READ_CONNECTIONS, UPDATE_CONNECTIONS,
            DELETE_CONNECTIONS, READ_CONNECTIONS_OPTIONS, UPDATE_CONNECTIONS_OPTIONS, CREATE_USERS, READ_USERS,
            DELETE_USERS, READ_CLIENTS, CREATE_CLIENTS, UPDATE_CLIENTS, DELETE_CLIENTS, READ_LOGS);

    /** The role the admin token's identity has. */
    public static final String ADMIN = "connectionhub:admin";

    private Scopes() {
    }
}
