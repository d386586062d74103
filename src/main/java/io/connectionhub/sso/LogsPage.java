package io.connectionhub.sso;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code include_totals=true}: a page of events with where it starts and how many match. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogsPage(long start, int limit, int length, long total, List<LogEvent> logs) {
}
