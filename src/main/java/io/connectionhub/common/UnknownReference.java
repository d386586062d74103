package io.connectionhub.common;

/** A body refers to something that does not exist for the caller's tenant (400, unlike a missing path item's 404). */
public class UnknownReference extends DomainException {

    private final NotFound.Kind kind;

    public UnknownReference(NotFound.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public NotFound.Kind kind() {
        return kind;
    }
}
