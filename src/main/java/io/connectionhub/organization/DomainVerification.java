package io.connectionhub.organization;

import java.util.List;

/**
 * What the DNS said about a domain's verification record.
 *
 * @param outcome whether a matching record was found, and if not, why not
 * @param recordName the name asked, {@code _connectionhub-challenge.<domain>}
 * @param valuesSeen the TXT values found there (each record's strings joined), in answer order
 * @param problem what went wrong for {@link Outcome#TIMEOUT} and {@link Outcome#ERROR}; null otherwise
 */
public record DomainVerification(Outcome outcome, String recordName, List<String> valuesSeen, String problem) {

    public enum Outcome {
        /** A TXT record equals {@code connectionhub-verification=<token>}. */
        FOUND_MATCH,
        /** TXT records exist, none with the expected value. */
        NO_MATCH,
        /** The name does not exist or has no TXT record. */
        NO_RECORD,
        /** The DNS server did not answer in time. */
        TIMEOUT,
        /** The DNS server answered with an error, or the lookup could not be made. */
        ERROR
    }

    public DomainVerification {
        valuesSeen = List.copyOf(valuesSeen);
    }

    public boolean verified() {
        return outcome == Outcome.FOUND_MATCH;
    }
}
