package io.borealis.quota;

import io.borealis.error.BorealisException;
import java.util.List;
import java.util.stream.Collectors;

/** A change would take a team past its quota; nothing was changed. Carries each shortfall. */
public class QuotaExceededException extends BorealisException {

    private final String team;
    private final List<QuotaPolicy.Shortfall> shortfalls;

    public QuotaExceededException(String team, List<QuotaPolicy.Shortfall> shortfalls) {
        super("Team " + team + " does not have enough production quota: "
                + shortfalls.stream().map(QuotaPolicy.Shortfall::toString).collect(Collectors.joining("; "))
                + ". Lower the request, use the preemptible tier, or ask a platform admin for more quota.");
        this.team = team;
        this.shortfalls = List.copyOf(shortfalls);
    }

    public String team() {
        return team;
    }

    public List<QuotaPolicy.Shortfall> shortfalls() {
        return shortfalls;
    }

    @Override
    public String code() {
        return "quota_exceeded";
    }
}
