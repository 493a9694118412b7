package io.borealis.ui.team;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.Svg;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A team's quota next to its use, one bar per resource: production use (which counts against the
 * quota), non-production use (which does not), and a line at the quota; with the numbers.
 */
public class QuotaSection extends Div {

    final Paragraph summary = new Paragraph();
    final Div rows = new Div();

    public QuotaSection() {
        setId("team-quota-bars");
        addClassName("borealis-quota");
        summary.setId("team-quota-summary");
        summary.addClassName("borealis-quota-verdict");
        rows.addClassName("borealis-quota-rows");
        add(rows, legend(), summary);
    }

    public void show(QuotaService.TeamQuota quota) {
        rows.removeAll();
        Quota limit = quota.quota();
        var prod = quota.production();
        var other = quota.nonProduction();
        rows.add(row(
                "cpus",
                "CPU",
                limit == null ? null : limit.resources().cpus(),
                prod.resources().cpus(),
                other.resources().cpus(),
                Formats::cpus));
        rows.add(row(
                "ram",
                "Memory",
                limit == null ? null : (double) limit.resources().ramMb(),
                prod.resources().ramMb(),
                other.resources().ramMb(),
                v -> Formats.megabytes((long) v)));
        rows.add(row(
                "disk",
                "Disk",
                limit == null ? null : (double) limit.resources().diskMb(),
                prod.resources().diskMb(),
                other.resources().diskMb(),
                v -> Formats.megabytes((long) v)));
        rows.add(row(
                "tasks",
                "Tasks",
                limit == null || limit.maxTasks() == null ? null : (double) limit.maxTasks(),
                prod.tasks(),
                other.tasks(),
                v -> Long.toString((long) v)));
        if (limit == null) {
            summary.setText("Team " + quota.team() + " has no production quota: it can run only preemptible tasks. "
                    + "A platform admin can set one.");
        } else {
            summary.setText("Production quota: " + Formats.resources(limit.resources())
                    + (limit.maxTasks() == null ? ", no task limit" : ", at most " + limit.maxTasks() + " tasks")
                    + ". Preemptible tasks use none of it.");
        }
    }

    /** The text of one resource's numbers, e.g. for tests: "cpus" → "2 cpus of 4 cpus ...". */
    public String numbers(String resource) {
        return rows.getChildren()
                .filter(row -> row.getId().orElse("").equals("quota-row-" + resource))
                .findFirst()
                .map(row -> row.getElement().getTextRecursively())
                .orElse("");
    }

    private static Div legend() {
        Div legend = new Div();
        legend.addClassName("borealis-quota-legend");
        for (String[] entry : new String[][] {
            {"bar-used", "production"}, {"bar-nonprod", "non-production (outside the quota)"}, {"bar-marker", "quota"}
        }) {
            Span swatch = new Span();
            swatch.addClassNames("borealis-swatch", entry[0]);
            legend.add(new Span(swatch, new Span(entry[1])));
        }
        return legend;
    }

    static Component row(
            String id, String label, Double limit, double production, double other, DoubleFunction<String> unit) {
        boolean over = limit != null && production > limit + 1e-9;
        Span name = new Span(label);
        name.addClassName("borealis-quota-label");
        String text;
        if (limit == null) {
            text = "production " + unit.apply(production) + (id.equals("tasks") ? " (no task limit)" : " (no quota)");
        } else {
            String percent = limit <= 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", production / limit * 100);
            text = "production " + unit.apply(production) + " of " + unit.apply(limit) + percent
                    + (over ? " · over by " + unit.apply(production - limit) : "");
        }
        text += " · non-production " + unit.apply(other);
        Span numbers = new Span(text);
        numbers.addClassName("borealis-quota-numbers");
        Div head = new Div(name, numbers);
        head.addClassName("borealis-quota-head");
        double scale = Math.max(limit == null ? 0 : limit, production + other);
        Component bar = Svg.bar(
                scale,
                label + ": " + text,
                limit,
                new Svg.Segment(production, over ? "bar-over" : "bar-used", "Production: " + unit.apply(production)),
                new Svg.Segment(other, "bar-nonprod", "Non-production: " + unit.apply(other)));
        Div row = new Div(head, bar);
        row.setId("quota-row-" + id);
        row.addClassName("borealis-quota-row");
        if (over) {
            row.addClassName("over");
        }
        return row;
    }
}
