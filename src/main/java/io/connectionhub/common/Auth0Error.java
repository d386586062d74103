package io.connectionhub.common;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Auth0 family's error body: {@code {"statusCode":409,"error":"Conflict","message":"...","errorCode":"..."}},
 * plus any extra fields the error adds (the deletion progress of a reserved name, an error id).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "statusCode", "error", "message", "errorCode" })
public record Auth0Error(int statusCode, String error, String message, String errorCode,
        @JsonAnyGetter Map<String, Object> extra) {

    public Auth0Error(int statusCode, String message, String errorCode) {
        this(statusCode, HttpStatusText.of(statusCode), message, errorCode, Map.of());
    }
}
