package io.connectionhub.job;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.connectionhub.common.Timestamps;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A job as the Auth0 family shows it; {@code summary} is {@code inserted, updated, failed, total} for an import and
 * {@code deleted, total} for a deletion (ours), {@code error} says why a job failed.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResponse(
        String id,
        String type,
        String status,
        @JsonProperty("connection_id") String connectionId,
        String connection,
        @JsonProperty("external_id") String externalId,
        Boolean upsert,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("percentage_done") int percentageDone,
        @JsonProperty("time_left_seconds") Long timeLeftSeconds,
        Map<String, Long> summary,
        String error) {

    static JobResponse of(Job job) {
        Map<String, Long> summary = new LinkedHashMap<>();
        boolean importJob = Job.USERS_IMPORT.equals(job.type());
        if (importJob) {
            summary.put("inserted", job.inserted());
            summary.put("updated", job.updated());
            summary.put("failed", job.failed());
        } else {
            summary.put("deleted", job.deleted());
        }
        summary.put("total", job.total() == null ? 0 : job.total());
        return new JobResponse(job.id(), job.type(), job.status(), job.connectionId(), job.connectionName(),
                job.externalId(), importJob ? job.upsert() : null, Timestamps.format(job.createdAt()), job.percentageDone(),
                job.secondsLeft(OffsetDateTime.now(ZoneOffset.UTC)), summary, job.error());
    }
}
