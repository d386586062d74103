package io.connectionhub.connection;

import java.util.List;

/** A page of {@link ConnectionRow}s in creation order; {@code next} continues after the last (null on the last page). */
public record ConnectionRows(List<ConnectionRow> rows, String next) {
}
