package io.connectionhub.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a JSON body for what a parser accepts but PostgreSQL cannot store: the escape {@code \u0000} and a
 * surrogate escape without its pair (text and jsonb refuse both). JSON is UTF-8 on the wire (RFC 8259 8.1), so a body
 * in another encoding is refused too, before a parser guesses one. Backslashes occur only in escapes of strings, so
 * counting them is enough; the parser reports any other syntax error itself.
 */
final class JsonText {

    private JsonText() {
    }

    static void check(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBody("The body is not UTF-8 text");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
                continue;
            }
            if (text.charAt(i + 1) != 'u') {
                i++;
                continue;
            }
            int code = hex(text, i + 2);
            if (code == 0) {
                throw refusal("the NUL character (\\u0000)");
            } else if (Character.isHighSurrogate((char) code)) {
                int next = text.startsWith("\\u", i + 6) ? hex(text, i + 8) : -1;
                if (next < 0 || !Character.isLowSurrogate((char) next)) {
                    throw refusal("an unpaired surrogate (\\u" + text.substring(i + 2, i + 6) + ")");
                }
                i += 11;
            } else if (Character.isLowSurrogate((char) code)) {
                throw refusal("an unpaired surrogate (\\u" + text.substring(i + 2, i + 6) + ")");
            } else {
                i += 5;
            }
        }
    }

    /** The value of four hex digits at {@code at}, or -1 (the parser then refuses the broken escape). */
    private static int hex(String text, int at) {
        if (at + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static InvalidRequest refusal(String what) {
        return new InvalidRequest(null, "A string holds " + what + ", which cannot be stored", null);
    }
}
