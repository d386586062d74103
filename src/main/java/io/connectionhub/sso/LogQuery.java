package io.connectionhub.sso;

import java.util.LinkedHashMap;
import java.util.Map;

import io.connectionhub.common.InvalidQuery;

/**
 * The {@code q} of {@code GET /api/v2/logs}: the subset of Lucene query syntax Auth0's examples use, {@code
 * field:value} or {@code field:"quoted value"} terms joined by {@code AND}, each an exact match on one of the
 * filterable fields ({@code type:f AND connection:"acme-users"}). Anything else is refused, never guessed at.
 */
final class LogQuery {

    static final int MAX_LENGTH = 1024;

    private LogQuery() {
    }

    /** Field to value, in the order given; empty for no query. */
    static Map<String, String> parse(String q) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (q == null || q.isBlank()) {
            return filters;
        }
        if (q.length() > MAX_LENGTH) {
            throw refused("it is longer than " + MAX_LENGTH + " characters");
        }
        int i = 0;
        int n = q.length();
        while (true) {
            i = skipSpaces(q, i);
            int colon = q.indexOf(':', i);
            if (colon < 0) {
                throw refused("expected field:value at position " + i);
            }
            String field = q.substring(i, colon);
            if (!SignInEventRepository.FILTER_COLUMNS.containsKey(field)) {
                throw refused("'" + field + "' is not a field it can filter on (" + String.join(", ",
                        SignInEventRepository.FILTER_COLUMNS.keySet().stream().sorted().toList()) + ")");
            }
            i = colon + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && q.charAt(i) == '"') {
                i++;
                while (i < n && q.charAt(i) != '"') {
                    char c = q.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = q.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                if (i >= n) {
                    throw refused("a quoted value is not closed");
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(q.charAt(i))) {
                    char c = q.charAt(i);
                    if ("\"()[]{}*?~^!".indexOf(c) >= 0) {
                        throw refused("'" + c + "' is not supported in a value; quote the value");
                    }
                    value.append(c);
                    i++;
                }
            }
            if (value.isEmpty()) {
                throw refused("the value of '" + field + "' is empty");
            }
            if (filters.containsKey(field)) {
                throw refused("'" + field + "' appears twice");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw refused("a value holds a control character");
            }
            filters.put(field, value.toString());
            i = skipSpaces(q, i);
            if (i >= n) {
                return filters;
            }
            if (!q.startsWith("AND", i) || i + 3 >= n || !Character.isWhitespace(q.charAt(i + 3))) {
                throw refused("terms must be joined by AND (position " + i + ")");
            }
            i += 3;
        }
    }

    private static int skipSpaces(String q, int i) {
        while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
            i++;
        }
        return i;
    }

    private static InvalidQuery refused(String why) {
        return new InvalidQuery("q", "Query validation error: 'q' is not a query this API understands: " + why + ".");
    }
}
