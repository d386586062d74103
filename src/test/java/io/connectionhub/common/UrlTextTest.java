package io.connectionhub.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Percent-decoding of query strings and form bodies, compared with the JDK's decoder where both accept the text. */
class UrlTextTest {

    @Test
    void decodesAsTheJdkDoes() {
        for (String value : new String[] { "plain", "a b+c/d=e&f", "PHNhbWxwOlJlc3BvbnNlIA==", "café ünïcödé",
                "emoji \uD83D\uDE00 too", "", "%", "100% sure" }) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            assertEquals(URLDecoder.decode(encoded, StandardCharsets.UTF_8), UrlText.decode(encoded, true), encoded);
        }
    }

    @Test
    void unescapedNonAsciiTextIsKept() {
        assertEquals("café+ß", UrlText.decode("café%2Bß", false));
        assertEquals("a b", UrlText.decode("a+b", true));
        assertEquals("a+b", UrlText.decode("a+b", false));
    }

    @Test
    void brokenEscapesAreRefused() {
        for (String text : new String[] { "%", "abc%", "abc%4", "%zz", "%4g", "x%%41" }) {
            UrlText.Malformed refused = assertThrows(UrlText.Malformed.class, () -> UrlText.decode(text, true), text);
            assertTrue(refused.badEscape(), text);
        }
    }

    @Test
    void escapedBytesThatAreNotUtf8AreRefused() {
        for (String text : new String[] { "%C3%28", "%FF", "a%E9b", "%ED%A0%80" }) {
            UrlText.Malformed refused = assertThrows(UrlText.Malformed.class, () -> UrlText.decode(text, true), text);
            assertFalse(refused.badEscape(), text);
        }
    }
}
