package io.connectionhub.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging a list request asked for, in the Auth0 family's three shapes: a bare array (page / per_page),
 * the offset object ({@code include_totals=true}), or the checkpoint object ({@code take} / {@code from}).
 * Checkpoint wins when both styles are sent.
 */
public record PageRequest(Shape shape, int page, int size, Long after) {

    public enum Shape {
        /** A bare JSON array of one page. */
        ARRAY,
        /** {@code {"start","limit","total",<items>}}. */
        OFFSET,
        /** {@code {<items>, "next"}}: keyset on creation order. */
        CHECKPOINT
    }

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer perPage, Boolean includeTotals, String from, Integer take) {
        if (from != null || take != null) {
            int size = take == null ? DEFAULT_SIZE : take;
            if (size < 1 || size > MAX_SIZE) {
                throw new InvalidQuery("take", "Query validation error: 'take' must be between 1 and " + MAX_SIZE + ".");
            }
            return new PageRequest(Shape.CHECKPOINT, 0, size, from == null || from.isEmpty() ? null : decode(from));
        }
        int size = perPage == null ? DEFAULT_SIZE : perPage;
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQuery("per_page", "Query validation error: 'per_page' must be between 1 and " + MAX_SIZE + ".");
        }
        int index = page == null ? 0 : page;
        if (index < 0) {
            throw new InvalidQuery("page", "Query validation error: 'page' must be 0 or more.");
        }
        return new PageRequest(Boolean.TRUE.equals(includeTotals) ? Shape.OFFSET : Shape.ARRAY, index, size, null);
    }

    public long offset() {
        return (long) page * size;
    }

    /** The cursor that continues after the row with this sequence number. */
    public static String cursorAfter(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        return seqAfter("from", cursor, "Query validation error: 'from' is not a cursor this API returned.");
    }

    /** The sequence number a cursor of {@link #cursorAfter} continues after; {@code refusal} when it is not one. */
    public static long seqAfter(String parameter, String cursor, String refusal) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("v1:")) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(3));
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery(parameter, refusal);
        }
    }
}
