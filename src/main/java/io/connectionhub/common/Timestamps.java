package io.connectionhub.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as both vendors write them: UTC, milliseconds, {@code 2026-03-10T05:18:25.111Z}. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private Timestamps() {
    }

    public static String format(OffsetDateTime time) {
        return time == null ? null : FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Now, at the database's precision (microseconds), so a value written and read back compares equal. */
    public static OffsetDateTime nowUtc() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
