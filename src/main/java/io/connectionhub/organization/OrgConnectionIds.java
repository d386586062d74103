package io.connectionhub.organization;

import java.util.regex.Pattern;

/**
 * How the LoginRadius family writes a connection id. The connection is one row under both families; each family
 * writes its id with its vendor's prefix: {@code con_<16>} under /api/v2, {@code conn_<16>} here, the same 16
 * characters after it.
 */
final class OrgConnectionIds {

    private static final String ROW_PREFIX = "con_";
    private static final String WIRE_PREFIX = "conn_";
    private static final Pattern WIRE = Pattern.compile("conn_[A-Za-z0-9]{16}");

    private OrgConnectionIds() {
    }

    /** {@code con_X} → {@code conn_X}. */
    static String wire(String connectionId) {
        return WIRE_PREFIX + connectionId.substring(ROW_PREFIX.length());
    }

    /** {@code conn_X} → {@code con_X}; null for anything that is not an id this family gave out. */
    static String connectionId(String wireId) {
        return wireId != null && WIRE.matcher(wireId).matches() ? ROW_PREFIX + wireId.substring(WIRE_PREFIX.length())
                : null;
    }
}
