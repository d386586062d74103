package io.connectionhub.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as the vendors write them: UTC, milliseconds for the Auth0 family ({@code 2026-03-10T05:18:25.111Z}),
 * seconds for the LoginRadius family ({@code 2023-10-01T00:00:00Z}, its reference's form).
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private Timestamps() {
    }

    public static String format(OffsetDateTime time) {
        return time == null ? null : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** To the second, as the LoginRadius family writes dates: {@code 2023-10-01T00:00:00Z}. */
    public static String formatSeconds(Instant time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String formatSeconds(OffsetDateTime time) {
        return time == null ? null : formatSeconds(time.toInstant());
    }

    /** Now, at the database's precision (microseconds), so a value written and read back compares equal. */
    public static OffsetDateTime nowUtc() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
