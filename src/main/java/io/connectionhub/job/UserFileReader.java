package io.connectionhub.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/**
 * Reads the entries of a user-import file fed to it in pieces, with Jackson's non-blocking parser: a JSON array
 * of user objects, or NDJSON (one object per line, or any whitespace-separated sequence). Only the entry being
 * read is held in memory, whatever the file's size. With {@code materialize} off it only counts entries and checks
 * the syntax (the first pass over a file).
 */
final class UserFileReader {

    /** The file is not a readable users file; the message says where and why. */
    static final class UnreadableFile extends Exception {
        UnreadableFile(String message) {
            super(message, null, false, false);
        }
    }

    private enum Mode {
        START, ARRAY, SEQUENCE, DONE
    }

    private final ObjectMapper mapper;
    private final boolean materialize;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private Mode mode = Mode.START;
    private TokenBuffer entry;
    private int depth;
    private boolean inEntry;
    private long count;

    UserFileReader(ObjectMapper mapper, boolean materialize) {
        this.mapper = mapper;
        this.materialize = materialize;
        try {
            this.parser = mapper.getFactory().createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Entries read so far. */
    long count() {
        return count;
    }

    /** Feeds the next piece of the file; the entries it completed (empty when not materializing). */
    List<JsonNode> feed(byte[] bytes) throws UnreadableFile {
        try {
            feeder.feedInput(bytes, 0, bytes.length);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return drain();
    }

    /** The end of the file: the last entries, or why the file ends where it may not. */
    List<JsonNode> finish() throws UnreadableFile {
        feeder.endOfInput();
        List<JsonNode> last = drain();
        if (mode == Mode.START) {
            throw new UnreadableFile("The file is empty: expected a JSON array of users or NDJSON");
        }
        if (mode == Mode.ARRAY || inEntry) {
            throw new UnreadableFile("The file ends in the middle of " + (inEntry ? "a user" : "the array") + " ("
                    + where(parser.currentLocation()) + ")");
        }
        return last;
    }

    private List<JsonNode> drain() throws UnreadableFile {
        List<JsonNode> completed = new ArrayList<>();
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                JsonNode node = accept(token);
                if (node != null) {
                    completed.add(node);
                }
            }
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return completed;
    }

    /** One token; returns an entry when this token completed one (and entries are being built). */
    private JsonNode accept(JsonToken token) throws IOException, UnreadableFile {
        switch (mode) {
            case START:
                if (token == JsonToken.START_ARRAY) {
                    mode = Mode.ARRAY;
                    return null;
                }
                if (token == JsonToken.START_OBJECT) {
                    mode = Mode.SEQUENCE;
                    return begin(token);
                }
                throw new UnreadableFile("Expected a JSON array of users or NDJSON, found " + describe(token) + " ("
                        + where(parser.currentLocation()) + ")");
            case ARRAY:
                if (!inEntry && token == JsonToken.END_ARRAY) {
                    mode = Mode.DONE;
                    return null;
                }
                return inEntry ? next(token) : begin(token);
            case SEQUENCE:
                return inEntry ? next(token) : begin(token);
            default:
                throw new UnreadableFile("Unexpected content after the end of the array (" + where(parser.currentLocation()) + ")");
        }
    }

    private JsonNode begin(JsonToken token) throws IOException {
        inEntry = true;
        depth = 0;
        if (materialize) {
            entry = new TokenBuffer(mapper, false);
        }
        return next(token);
    }

    private JsonNode next(JsonToken token) throws IOException {
        if (materialize) {
            entry.copyCurrentEvent(parser);
        }
        if (token.isStructStart()) {
            depth++;
        } else if (token.isStructEnd()) {
            depth--;
        }
        if (depth > 0) {
            return null;
        }
        inEntry = false;
        count++;
        if (!materialize) {
            return null;
        }
        try (JsonParser entryParser = entry.asParser(mapper)) {
            return mapper.readTree(entryParser);
        } finally {
            entry = null;
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static UnreadableFile unreadable(JsonProcessingException e) {
        return new UnreadableFile("The file is not valid JSON: " + e.getOriginalMessage() + " ("
                + where(e.getLocation()) + ")");
    }

    private static String where(JsonLocation location) {
        if (location == null) {
            return "unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ", byte " + location.getByteOffset();
    }
}
