package io.connectionhub.ui;

import java.time.Duration;
import java.time.Instant;

/** An IdP certificate's validity as the console shows it: expired, or expiring within {@value #WARN_DAYS} days. */
public record CertificateFacts(String notBefore, String notAfter, boolean expired, boolean expiresSoon, long daysLeft) {

    static final int WARN_DAYS = 30;

    static CertificateFacts of(Instant notBefore, Instant notAfter, Instant now) {
        if (notAfter == null) {
            return null;
        }
        long days = Duration.between(now, notAfter).toDays();
        boolean expired = !now.isBefore(notAfter);
        return new CertificateFacts(notBefore == null ? null : notBefore.toString(), notAfter.toString(), expired,
                !expired && Duration.between(now, notAfter).compareTo(Duration.ofDays(WARN_DAYS)) <= 0, Math.max(0, days));
    }

    static CertificateFacts parse(String notBefore, String notAfter, Instant now) {
        if (notAfter == null) {
            return null;
        }
        return of(notBefore == null ? null : Instant.parse(notBefore), Instant.parse(notAfter), now);
    }
}
