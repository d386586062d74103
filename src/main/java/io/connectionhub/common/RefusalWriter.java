package io.connectionhub.common;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a refusal made before Quarkus REST (by {@link RequestGuard}) with the same status, headers and body the
 * family's exception mapper would give it.
 */
@ApplicationScoped
public class RefusalWriter {

    private final ObjectMapper json;

    public RefusalWriter(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext context, Throwable refusal) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        Response rendered = ErrorMappers.render(refusal, context);
        response.setStatusCode(rendered.getStatus());
        for (Map.Entry<String, List<Object>> header : rendered.getHeaders().entrySet()) {
            for (Object value : header.getValue()) {
                response.headers().add(header.getKey(), String.valueOf(value));
            }
        }
        Object entity = rendered.getEntity();
        try {
            byte[] body = entity instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(entity);
            response.end(Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }
}
