package io.connectionhub.common;

import java.util.Map;

/** The metadata rule both clients and connections follow: at most 10 keys, string (or null) values of at most 255. */
public final class Metadata {

    public static final int MAX_KEYS = 10;
    public static final int MAX_VALUE_LENGTH = 255;

    private Metadata() {
    }

    public static void check(String property, Map<String, String> metadata, String rule) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_KEYS) {
            throw new InvalidRequest(property, "Too many properties defined (" + metadata.size() + "), maximum "
                    + MAX_KEYS, rule);
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_VALUE_LENGTH) {
                throw new InvalidRequest(property, "Property name must be 1-" + MAX_VALUE_LENGTH + " characters", rule);
            }
            String value = entry.getValue();
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidRequest(property + "." + entry.getKey(), "String is too long (" + value.length()
                        + " chars), maximum " + MAX_VALUE_LENGTH, rule);
            }
        }
    }
}
