package io.borealis.ui.support;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaPolicy;
import io.borealis.quota.QuotaService;
import io.borealis.quota.Usage;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A team's production quota after a change, as bars per resource: what the team uses now, what
 * the change adds, what would be left; and, when it does not fit, by how much it is short (the
 * same arithmetic the services refuse with). Used by the launch form and the scale dialog, which
 * update it as people type.
 */
public class QuotaPreview extends Div {

    private final QuotaService quotas;
    private final Div rows = new Div();
    private final Paragraph verdict = new Paragraph();
    private List<QuotaPolicy.Shortfall> shortfalls = List.of();
    private String summary = "";

    public QuotaPreview(QuotaService quotas) {
        this.quotas = quotas;
        setId("quota-preview");
        addClassName("borealis-quota");
        H3 heading = new H3("Team quota after this change");
        rows.addClassName("borealis-quota-rows");
        verdict.setId("quota-verdict");
        verdict.addClassName("borealis-quota-verdict");
        add(heading, rows, legend(), verdict);
    }

    /**
     * Shows the team's quota with {@code additional} production use added.
     *
     * @param production whether the change is production tier (preemptible changes use no quota)
     */
    public void update(String team, Usage additional, boolean production) {
        rows.removeAll();
        shortfalls = List.of();
        verdict.removeClassName("short");
        if (team == null || team.isBlank()) {
            summary = "Choose a team to see its quota.";
            verdict.setText(summary);
            return;
        }
        QuotaService.TeamQuota current = quotas.quota(team);
        Usage used = current.production();
        Usage adding = production ? additional : Usage.NONE;
        Quota quota = current.hasQuota() ? current.quota() : Quota.NONE;
        rows.add(row(
                "CPU",
                quota.resources().cpus(),
                used.resources().cpus(),
                adding.resources().cpus(),
                Formats::cpus));
        rows.add(row(
                "Memory",
                quota.resources().ramMb(),
                used.resources().ramMb(),
                adding.resources().ramMb(),
                v -> Formats.megabytes((long) v)));
        rows.add(row(
                "Disk",
                quota.resources().diskMb(),
                used.resources().diskMb(),
                adding.resources().diskMb(),
                v -> Formats.megabytes((long) v)));
        if (quota.maxTasks() != null) {
            rows.add(row("Tasks", quota.maxTasks(), used.tasks(), adding.tasks(), v -> Long.toString((long) v)));
        }
        shortfalls = production ? quotas.shortfalls(team, additional) : List.of();
        if (!shortfalls.isEmpty()) {
            summary = "Not enough quota in team " + team + ": "
                    + shortfalls.stream().map(QuotaPreview::describe).collect(Collectors.joining("; "))
                    + ". Lower the request, use the preemptible tier, or ask a platform admin for more quota.";
            verdict.addClassName("short");
        } else if (!production) {
            summary = "Preemptible tier: runs on spare capacity and uses none of team " + team + "'s quota.";
        } else if (!current.hasQuota()) {
            summary = "Team " + team + " has no production quota.";
        } else {
            summary = "Fits team " + team + "'s production quota.";
        }
        verdict.setText(summary);
    }

    private static Div legend() {
        Div legend = new Div();
        legend.addClassName("borealis-quota-legend");
        for (String[] entry :
                new String[][] {{"bar-used", "used now"}, {"bar-adding", "this change"}, {"bar-track", "free"}}) {
            Span swatch = new Span();
            swatch.addClassNames("borealis-swatch", entry[0]);
            legend.add(new Span(swatch, new Span(entry[1])));
        }
        return legend;
    }

    /** What is short after the change (empty when it fits). */
    public List<QuotaPolicy.Shortfall> shortfalls() {
        return shortfalls;
    }

    public boolean fits() {
        return shortfalls.isEmpty();
    }

    /** The sentence under the bars. */
    public String summary() {
        return summary;
    }

    static String describe(QuotaPolicy.Shortfall shortfall) {
        return shortfall.resource() + " short by " + shortfall.missing() + " (needs " + shortfall.requested() + ", "
                + shortfall.available() + " left)";
    }

    private interface Unit {
        String format(double value);
    }

    private static Div row(String label, double limit, double used, double adding, Unit unit) {
        double after = used + adding;
        boolean over = after > limit + 1e-9;
        Span name = new Span(label);
        name.addClassName("borealis-quota-label");
        Span numbers = new Span(unit.format(after) + " of " + unit.format(limit)
                + (over
                        ? " · over by " + unit.format(after - limit)
                        : " · " + unit.format(Math.max(0, limit - after)) + " free"));
        numbers.addClassName("borealis-quota-numbers");
        Div head = new Div(name, numbers);
        head.addClassName("borealis-quota-head");
        String percent = limit <= 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", after / limit * 100);
        Div row = new Div(
                head,
                Svg.bar(
                        limit,
                        label + " after the change: " + unit.format(after) + " of " + unit.format(limit) + percent
                                + "; used now " + unit.format(used) + ", this change " + unit.format(adding),
                        new Svg.Segment(used, "bar-used", "Used now: " + unit.format(used)),
                        new Svg.Segment(
                                adding, over ? "bar-over" : "bar-adding", "This change: " + unit.format(adding))));
        row.addClassName("borealis-quota-row");
        if (over) {
            row.addClassName("over");
        }
        return row;
    }
}
