package io.connectionhub.common;

/** Something the caller named does not exist for the caller's tenant. */
public class NotFound extends DomainException {

    /** What was looked for; each family has its own error code per kind. */
    public enum Kind {
        TENANT, CLIENT, CONNECTION, USER, JOB, ORGANIZATION, DOMAIN, LOG, MEMBER, SETUP_LINK
    }

    private final Kind kind;

    public NotFound(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
