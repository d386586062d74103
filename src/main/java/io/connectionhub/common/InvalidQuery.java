package io.connectionhub.common;

/** A query-string parameter that breaks a rule. */
public class InvalidQuery extends DomainException {

    private final String parameter;

    public InvalidQuery(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
