package io.connectionhub.common;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Names what is wrong with a JSON body Jackson could not read, in the words of a JSON-schema validator. */
final class JsonProblems {

    private JsonProblems() {
    }

    static Throwable describe(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof DomainException domain) {
            return domain;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path(unknown, 1);
            return new InvalidRequest(parent.isEmpty() ? null : parent,
                    "Additional properties not allowed: " + unknown.getPropertyName(), null);
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = jsonType(mismatch.getTargetType());
            String found = foundType(mismatch);
            String problem = found == null ? "Invalid value, expected type " + expected
                    : "Expected type " + expected + " but found type " + found;
            return new InvalidRequest(path(mismatch, 0), problem, null);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new MalformedBody("the body must be a JSON " + jsonType(mismatch.getTargetType()));
        }
        return new MalformedBody("Invalid request payload JSON format");
    }

    /** The dotted path of the failing property, leaving out the last {@code drop} segments. */
    private static String path(JsonMappingException e, int drop) {
        StringBuilder path = new StringBuilder();
        var references = e.getPath();
        for (int i = 0; i < references.size() - drop; i++) {
            JsonMappingException.Reference reference = references.get(i);
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static final Pattern FOUND = Pattern.compile("(?:from|coerce) (Integer|Floating-point|Boolean|Object|Array|String|Null|Empty String) value");

    /** The JSON type that was sent, as Jackson names it in its message (the parser is closed by now). */
    private static String foundType(MismatchedInputException e) {
        Matcher matcher = FOUND.matcher(String.valueOf(e.getOriginalMessage()));
        if (!matcher.find()) {
            return null;
        }
        return switch (matcher.group(1)) {
            case "Integer" -> "integer";
            case "Floating-point" -> "number";
            case "Boolean" -> "boolean";
            case "Object" -> "object";
            case "Array" -> "array";
            case "Null" -> "null";
            default -> "string";
        };
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "value";
        } else if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "string";
        } else if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return "object";
    }
}
