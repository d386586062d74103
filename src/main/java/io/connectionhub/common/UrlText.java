package io.connectionhub.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Strict percent-decoding of paths, query strings and form bodies: a broken escape or bytes that are not UTF-8 are
 * an error here, where the framework's decoders throw an unmapped exception (or, for a form, leave the request
 * hanging), and a NUL, which PostgreSQL cannot store in text, is refused by the caller.
 */
final class UrlText {

    /** Text that does not decode: a broken escape ({@code %zz}, a trailing {@code %}) or bytes that are not UTF-8. */
    static final class Malformed extends IllegalArgumentException {

        private final boolean badEscape;

        Malformed(String message, boolean badEscape) {
            super(message);
            this.badEscape = badEscape;
        }

        boolean badEscape() {
            return badEscape;
        }
    }

    private UrlText() {
    }

    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        // One byte per character or escape for ASCII text (an escape's three characters make one byte); a bigger
        // array only for text with other characters. (A ByteArrayOutputStream, synchronized per byte, made this check
        // a noticeable part of an ACS request, whose form carries a base64 SAMLResponse of some 10 KB.)
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new Malformed("'%" + text.substring(i + 1, Math.min(text.length(), i + 3))
                            + "' is not a percent-escape", true);
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[length++] = ' ';
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (length + encoded.length + (text.length() - i - 1) > bytes.length) {
                    bytes = Arrays.copyOf(bytes, length + encoded.length + 3 * (text.length() - i - 1));
                }
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
            }
        }
        if (ascii(bytes, length)) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII); // ASCII is UTF-8: no decoder needed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("the escaped bytes are not UTF-8", false);
        }
    }

    private static boolean ascii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks every {@code name=value} pair of a query string or form body (a NUL too, unless {@code allowNul});
     * {@code refusal} makes the exception from the parameter's name (as far as it decodes) and the problem.
     */
    static void checkPairs(String text, String what, boolean allowNul,
            BiFunction<String, String, DomainException> refusal) {
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = rawName;
            try {
                name = decode(rawName, true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                if (!allowNul && (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0)) {
                    throw refusal.apply(printable(name), "The " + what + " " + printable(name)
                            + " contains the NUL character, which cannot be stored");
                }
            } catch (Malformed e) {
                throw refusal.apply(printable(name), "The " + what + " " + printable(name) + " is not well-formed: "
                        + e.getMessage());
            }
        }
    }

    /** A name fit for an error message: NUL and other control characters shown as escapes, at most 64 chars. */
    static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length() && shown.length() < 64; i++) {
            char c = name.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return shown.toString();
    }
}
