package io.connectionhub.common;

import java.util.regex.Pattern;

/** The name rule shared by connections (both families) and tenants. */
public final class Names {

    public static final int MAX_LENGTH = 128;
    public static final String PATTERN_TEXT = "^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$";
    private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9](?:-[a-zA-Z0-9]|[a-zA-Z0-9])*");

    private Names() {
    }

    /** Why {@code name} breaks the rule, or null when it follows it. */
    public static String problem(String name) {
        if (name == null) {
            return "Missing required property: name";
        } else if (name.isEmpty()) {
            return "String is too short (0 chars), minimum 1";
        } else if (name.length() > MAX_LENGTH) {
            return "String is too long (" + name.length() + " chars), maximum " + MAX_LENGTH;
        } else if (!PATTERN.matcher(name).matches()) {
            return "String does not match pattern " + PATTERN_TEXT + ": " + name;
        }
        return null;
    }
}
