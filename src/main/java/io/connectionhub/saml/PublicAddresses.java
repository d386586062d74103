package io.connectionhub.saml;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** Which addresses a server-side request may reach: public unicast ones only. */
final class PublicAddresses {

    private PublicAddresses() {
    }

    /** What kind of non-public address this is ("a loopback address", ...), or empty when it is public. */
    static Optional<String> nonPublicKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified (any-local) address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                return nonPublicKind(embedded.get())
                        .map(kind -> kind + " (" + embedded.get().getHostAddress() + " embedded in IPv6)");
            }
            if ((v6.getAddress()[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local address (fc00::/7)");
            }
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            byte[] bytes = address.getAddress();
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
            }
            if (first == 0) {
                return Optional.of("a 'this network' address (0.0.0.0/8)");
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4
     * (2002::/16) address, which reach that IPv4 host; the JDK unwraps only some of these forms itself.
     */
    private static Optional<Inet4Address> embeddedIpv4(byte[] v6) {
        byte[] last4 = Arrays.copyOfRange(v6, 12, 16);
        boolean zeroPrefix = allZero(v6, 0, 10);
        if (zeroPrefix && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return ipv4(last4);
        }
        if (zeroPrefix && v6[10] == 0 && v6[11] == 0) {
            return ipv4(last4);
        }
        if ((v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && allZero(v6, 4, 12)) {
            return ipv4(last4);
        }
        if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            return ipv4(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Inet4Address> ipv4(byte[] bytes) {
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes always make an IPv4 address", e);
        }
    }
}
