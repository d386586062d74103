package io.connectionhub.common;

/**
 * A request body or parameter that breaks a rule.
 *
 * @param property the property path as the client wrote it ({@code name}, {@code metadata.team})
 * @param problem what is wrong ({@code String is too long (129 chars), maximum 128})
 * @param rule the rule the property follows, as documented
 */
public class InvalidRequest extends DomainException {

    private final String property;
    private final String problem;
    private final String rule;

    public InvalidRequest(String property, String problem, String rule) {
        super(problem + " on property " + property);
        this.property = property;
        this.problem = problem;
        this.rule = rule;
    }

    public String property() {
        return property;
    }

    public String problem() {
        return problem;
    }

    public String rule() {
        return rule;
    }
}
