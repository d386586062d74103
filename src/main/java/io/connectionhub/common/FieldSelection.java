package io.connectionhub.common;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Auth0 family's {@code fields} + {@code include_fields} query parameters: which top-level properties to show. */
public record FieldSelection(Set<String> fields, boolean include) {

    public static final FieldSelection ALL = new FieldSelection(Set.of(), false);

    public static FieldSelection of(String fields, Boolean includeFields) {
        if (fields == null || fields.isBlank()) {
            return ALL;
        }
        Set<String> names = Arrays.stream(fields.split(",")).map(String::trim).filter(f -> !f.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new FieldSelection(names, includeFields == null || includeFields);
    }

    public boolean isAll() {
        return fields.isEmpty();
    }

    /** Keeps (include) or drops (exclude) the selected properties, in place. */
    public ObjectNode apply(ObjectNode node) {
        if (isAll()) {
            return node;
        }
        node.retain(include ? fields : node.properties().stream().map(java.util.Map.Entry::getKey)
                .filter(name -> !fields.contains(name)).collect(Collectors.toSet()));
        return node;
    }
}
