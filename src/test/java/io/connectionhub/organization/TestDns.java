package io.connectionhub.organization;

import java.io.UncheckedIOException;
import java.net.SocketException;

/** The loopback DNS responder that the applications under test ask (one per test JVM, shared by every profile). */
public final class TestDns {

    private static LoopbackDnsResponder responder;

    private TestDns() {
    }

    static synchronized LoopbackDnsResponder responder() {
        if (responder == null) {
            try {
                responder = new LoopbackDnsResponder();
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }
        return responder;
    }

    /** {@code connectionhub.dns.server} for the application. */
    public static String server() {
        return responder().server();
    }

    /** Publishes the challenge record that proves {@code domain} for {@code token}. */
    public static void publishChallenge(String domain, String token) {
        responder().txt(DomainVerifier.recordName(domain), DomainVerifier.expectedValue(token));
    }

    /** Publishes other values at the challenge name of {@code domain}. */
    static void publishAtChallenge(String domain, String... values) {
        responder().txt(DomainVerifier.recordName(domain), values);
    }

    /** The challenge name of {@code domain} gets no answer at all. */
    static void silenceChallenge(String domain) {
        responder().silent(DomainVerifier.recordName(domain));
    }
}
