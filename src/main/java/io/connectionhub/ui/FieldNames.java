package io.connectionhub.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a form calls the properties a service names in its refusals: the input's id and its label. */
public final class FieldNames {

    public record Field(String id, String label) {
    }

    private final Map<String, Field> byProperty = new LinkedHashMap<>();
    private final Field general;

    private FieldNames(Field general) {
        this.general = general;
    }

    /** Refusals that name no known property are shown on {@code id}. */
    public static FieldNames form(String id, String label) {
        return new FieldNames(new Field(id, label));
    }

    public FieldNames map(String property, String id, String label) {
        byProperty.put(property, new Field(id, label));
        return this;
    }

    public Field of(String property) {
        if (property != null) {
            Field exact = byProperty.get(property);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, Field> entry : byProperty.entrySet()) {
                if (property.startsWith(entry.getKey() + ".") || property.startsWith(entry.getKey() + "[")) {
                    return entry.getValue();
                }
            }
        }
        return general;
    }

    public Field general() {
        return general;
    }
}
