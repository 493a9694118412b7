package io.borealis.auth.token;

import java.time.Duration;
import java.time.Instant;

/** The lifetimes a person may choose for a new API token. */
public enum TokenExpiry {
    NEVER(null),
    DAYS_30(30),
    DAYS_90(90);

    private final Integer days;

    TokenExpiry(Integer days) {
        this.days = days;
    }

    /** The lifetime in days, or null for a token that never expires. */
    public Integer days() {
        return days;
    }

    /** When a token created at {@code now} expires, or null. */
    public Instant expiresAt(Instant now) {
        return days == null ? null : now.plus(Duration.ofDays(days));
    }

    /** For people: "Never", "30 days". */
    public String label() {
        return days == null ? "Never" : days + " days";
    }
}
