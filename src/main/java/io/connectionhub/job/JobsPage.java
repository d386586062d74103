package io.connectionhub.job;

import java.util.List;

/** A page of a tenant's jobs, newest first; {@code next} continues after the last one (null on the last page). */
public record JobsPage(List<JobView> jobs, String next) {
}
