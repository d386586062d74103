package io.connectionhub.organization;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import io.connectionhub.common.CallerContext;
import io.connectionhub.common.MissingConfiguration;
import io.connectionhub.organization.DomainVerification.Outcome;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Proves that an organization controls a domain: {@code _connectionhub-challenge.<domain>} must hold a TXT record
 * {@code connectionhub-verification=<token>}. Lookups are asynchronous (dnsjava's own I/O thread) and bounded by
 * {@code connectionhub.dns.timeout}.
 */
@Startup // the resolver is set up, and its configuration checked, at boot rather than on an event loop
@ApplicationScoped
public class DomainVerifier {

    public static final String CHALLENGE_LABEL = "_connectionhub-challenge";
    public static final String VALUE_PREFIX = "connectionhub-verification=";

    private final Resolver resolver;
    private final Duration timeout;

    @Inject
    public DomainVerifier(DnsConfig config) {
        this(resolver(config.server()), config.timeout());
    }

    public DomainVerifier(Resolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        resolver.setTimeout(timeout);
    }

    /** The name whose TXT records are checked. */
    public static String recordName(String domain) {
        return CHALLENGE_LABEL + "." + domain;
    }

    /** The TXT value that proves control of a domain whose verification token is {@code token}. */
    public static String expectedValue(String token) {
        return VALUE_PREFIX + token;
    }

    /** Looks up the challenge record of {@code domain}; never fails, every outcome is a {@link DomainVerification}. */
    public Uni<DomainVerification> verify(String domain, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("A verification token is required");
        }
        String recordName = recordName(domain);
        Name name;
        try {
            name = Name.fromString(recordName, Name.root);
        } catch (TextParseException e) {
            return Uni.createFrom().item(new DomainVerification(Outcome.ERROR, recordName, List.of(),
                    "not a valid DNS name: " + e.getMessage()));
        }
        Message query = Message.newQuery(Record.newRecord(name, Type.TXT, DClass.IN));
        Uni<DomainVerification> lookup = Uni.createFrom().completionStage(() -> resolver.sendAsync(query))
                .map(answer -> judge(recordName, answer, expectedValue(token)))
                .ifNoItem().after(timeout).recoverWithItem(() -> timedOut(recordName))
                .onFailure().recoverWithItem(failure -> failed(recordName, failure));
        return CallerContext.emitOnCaller(lookup);
    }

    private static DomainVerification judge(String recordName, Message answer, String expected) {
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new DomainVerification(Outcome.NO_RECORD, recordName, List.of(), null);
        }
        if (rcode != Rcode.NOERROR) {
            return new DomainVerification(Outcome.ERROR, recordName, List.of(),
                    "the DNS server answered " + Rcode.string(rcode));
        }
        // A TXT record's strings form one value (long values are split into 255-byte strings).
        List<String> values = answer.getSection(Section.ANSWER).stream()
                .filter(TXTRecord.class::isInstance)
                .map(record -> String.join("", ((TXTRecord) record).getStrings()))
                .toList();
        Outcome outcome = values.isEmpty() ? Outcome.NO_RECORD
                : values.contains(expected) ? Outcome.FOUND_MATCH : Outcome.NO_MATCH;
        return new DomainVerification(outcome, recordName, values, null);
    }

    private DomainVerification timedOut(String recordName) {
        return new DomainVerification(Outcome.TIMEOUT, recordName, List.of(),
                "no answer from the DNS server within " + timeout.toMillis() + " ms");
    }

    private DomainVerification failed(String recordName, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return timedOut(recordName);
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DomainVerification(Outcome.ERROR, recordName, List.of(), "the DNS lookup failed: " + detail);
    }

    /** A resolver for the configured {@code host:port}, or for the system's servers (resolv.conf and the like). */
    static Resolver resolver(Optional<String> server) {
        if (server.isEmpty() || server.get().isBlank()) {
            return new ExtendedResolver();
        }
        InetSocketAddress address = serverAddress(server.get().trim());
        if (address.isUnresolved()) {
            throw new MissingConfiguration("connectionhub.dns.server (CONNECTIONHUB_DNS_SERVER): cannot resolve the host of '"
                    + server.get() + "'");
        }
        return new SimpleResolver(address);
    }

    private static InetSocketAddress serverAddress(String server) {
        String host = server;
        String port = "53";
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw badServer(server);
            }
            host = server.substring(1, close);
            if (close + 1 < server.length()) {
                if (server.charAt(close + 1) != ':') {
                    throw badServer(server);
                }
                port = server.substring(close + 2);
            }
        } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') >= 0) {
            host = server.substring(0, server.indexOf(':'));
            port = server.substring(server.indexOf(':') + 1);
        }
        try {
            int number = Integer.parseInt(port);
            if (host.isEmpty() || number < 1 || number > 65535) {
                throw badServer(server);
            }
            return new InetSocketAddress(host, number);
        } catch (NumberFormatException e) {
            throw badServer(server);
        }
    }

    private static MissingConfiguration badServer(String server) {
        return new MissingConfiguration("connectionhub.dns.server (CONNECTIONHUB_DNS_SERVER) must be host:port, "
                + "[ipv6]:port or host, not '" + server + "'");
    }
}
