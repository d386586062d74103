package io.connectionhub.ui;

import java.util.ArrayList;
import java.util.List;

import io.connectionhub.common.DomainException;
import io.connectionhub.common.InvalidRequest;

/**
 * What a form shows when it is refused: a summary at the top (each entry links to its field) and the message next to
 * each field. Messages come from the services' own refusals, named in the form's words.
 */
public record FormErrors(List<FieldError> errors) {

    /** One refused field: {@code field} is the id of the input, {@code message} the plain-language reason. */
    public record FieldError(String field, String label, String message) {
    }

    public static FormErrors none() {
        return new FormErrors(List.of());
    }

    public static FormErrors of(String field, String label, String message) {
        return new FormErrors(List.of(new FieldError(field, label, message)));
    }

    /** A service's refusal as a form error, on the input that {@code fields} maps its property to. */
    public static FormErrors from(DomainException refusal, FieldNames fields) {
        if (refusal instanceof InvalidRequest invalid) {
            FieldNames.Field field = fields.of(invalid.property());
            return of(field.id(), field.label(), field.label() + ": " + invalid.problem());
        }
        FieldNames.Field field = fields.general();
        return of(field.id(), field.label(), refusal.getMessage());
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    /** The message next to {@code field}, or null. */
    public String on(String field) {
        for (FieldError error : errors) {
            if (error.field().equals(field)) {
                return error.message();
            }
        }
        return null;
    }

    public FormErrors and(FormErrors more) {
        List<FieldError> all = new ArrayList<>(errors);
        all.addAll(more.errors());
        return new FormErrors(all);
    }
}
