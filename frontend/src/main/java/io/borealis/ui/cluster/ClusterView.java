package io.borealis.ui.cluster;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.PortRange;
import io.borealis.job.Resources;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.ClusterService;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.Svg;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The cluster: the driver's connection, the totals, and every agent with its capacity against
 * what Borealis's tasks hold there (cpus, memory, disk), its attributes, ports and running tasks.
 * It refreshes when tasks change and every few seconds (agents come and go on their own).
 */
@Route("cluster")
@PageTitle("Cluster")
@Menu(title = "Cluster", order = 10, icon = "vaadin:cluster")
@PermitAll
public class ClusterView extends Div {

    final Div health = new Div();
    final Div totals = new Div();
    final Grid<AgentView> agents = new Grid<>();
    final Grid<QuotaService.TeamQuota> quotaGrid = new Grid<>();
    final Div quotaTotals = new Div();

    private final ClusterService cluster;
    private final QuotaService quotas;
    private Resources capacity = Resources.NONE;
    private final Clock clock;

    public ClusterView(ClusterService cluster, QuotaService quotas, LiveUpdates live, Clock clock) {
        this.cluster = cluster;
        this.quotas = quotas;
        this.clock = clock;
        setId("cluster-view");
        addClassNames("borealis-page", "borealis-cluster");
        health.setId("cluster-health");
        health.addClassNames("borealis-card", "borealis-health");
        totals.setId("cluster-totals");
        totals.addClassName("borealis-cluster-totals");
        Div top = new Div(health, totals);
        top.addClassName("borealis-cluster-top");

        agents.setId("agents-grid");
        agents.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        agents.setAllRowsVisible(true);
        agents.addComponentColumn(ClusterView::agentCell)
                .setHeader("Agent")
                .setKey("agent")
                .setComparator(AgentView::id)
                .setFlexGrow(2);
        agents.addComponentColumn(a -> usage(a, Resources::cpus, Formats::cpus, ClusterView::cores))
                .setHeader("CPU allocated")
                .setKey("cpus")
                .setFlexGrow(2);
        agents.addComponentColumn(a ->
                        usage(a, Resources::ramMb, v -> Formats.megabytes((long) v), v -> Formats.megabytes((long) v)))
                .setHeader("Memory allocated")
                .setKey("ram")
                .setFlexGrow(2);
        agents.addComponentColumn(a ->
                        usage(a, Resources::diskMb, v -> Formats.megabytes((long) v), v -> Formats.megabytes((long) v)))
                .setHeader("Disk allocated")
                .setKey("disk")
                .setFlexGrow(2);
        agents.addColumn(AgentView::runningTasks)
                .setHeader("Tasks")
                .setKey("tasks")
                .setTextAlign(ColumnTextAlign.END)
                .setComparator(AgentView::runningTasks)
                .setFlexGrow(0)
                .setWidth("7.5em");
        agents.addComponentColumn(ClusterView::attributes)
                .setHeader("Attributes")
                .setKey("attributes")
                .setFlexGrow(2);
        agents.addColumn(a -> a.ports().stream().map(PortRange::toString).collect(Collectors.joining(", ")))
                .setHeader("Ports")
                .setKey("ports")
                .setFlexGrow(1);
        agents.setEmptyStateText("The cluster reports no agents.");
        H3 heading = new H3("Agents");
        Div agentCard = new Div(heading, agents);
        agentCard.addClassNames("borealis-card", "borealis-agents");
        add(top, agentCard, quotaCard());

        refresh();
        live.onJobChange(this, key -> true, this::refresh);
        live.every(this, Duration.ofSeconds(5), this::refresh);
    }

    /** Reads the cluster again. */
    void refresh() {
        showHealth(cluster.health());
        List<AgentView> list = cluster.agents();
        agents.setItems(list);
        showTotals(list);
        showQuotas();
    }

    private Component quotaCard() {
        quotaGrid.setId("quota-grid");
        quotaGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        quotaGrid.setAllRowsVisible(true);
        quotaGrid
                .addComponentColumn(q -> new com.vaadin.flow.router.RouterLink(
                        q.team(),
                        io.borealis.ui.team.TeamView.class,
                        io.borealis.ui.team.TeamView.parameters(q.team())))
                .setHeader("Team")
                .setKey("team")
                .setComparator(QuotaService.TeamQuota::team)
                .setFlexGrow(1);
        quotaGrid
                .addComponentColumn(q -> quotaUsage(q, Resources::cpus, Formats::cpus, capacity.cpus()))
                .setHeader("CPU quota")
                .setKey("cpus")
                .setFlexGrow(2);
        quotaGrid
                .addComponentColumn(
                        q -> quotaUsage(q, r -> r.ramMb(), v -> Formats.megabytes((long) v), capacity.ramMb()))
                .setHeader("Memory quota")
                .setKey("ram")
                .setFlexGrow(2);
        quotaGrid
                .addComponentColumn(
                        q -> quotaUsage(q, r -> r.diskMb(), v -> Formats.megabytes((long) v), capacity.diskMb()))
                .setHeader("Disk quota")
                .setKey("disk")
                .setFlexGrow(2);
        quotaGrid.setEmptyStateText("No teams you may see.");
        quotaTotals.setId("quota-totals");
        quotaTotals.addClassName("borealis-muted");
        Div card = new Div(new H3("Team quotas against the cluster's capacity"), quotaTotals, quotaGrid, quotaLegend());
        card.setId("cluster-quotas");
        card.addClassNames("borealis-card", "borealis-cluster-quotas");
        return card;
    }

    private void showQuotas() {
        List<QuotaService.TeamQuota> all = quotas.allQuotas();
        Resources quotaSum = Resources.NONE;
        for (QuotaService.TeamQuota quota : all) {
            if (quota.hasQuota()) {
                quotaSum = quotaSum.plus(quota.quota().resources());
            }
        }
        quotaGrid.setItems(all);
        quotaTotals.setText(quotaTotalsText(quotaSum, capacity));
    }

    /** "Quotas add up to 12 cpus of 12 cpus (100%), ..." with a warning when they exceed the cluster. */
    static String quotaTotalsText(Resources quotaSum, Resources capacity) {
        boolean over = quotaSum.cpus() > capacity.cpus() + 1e-9
                || quotaSum.ramMb() > capacity.ramMb()
                || quotaSum.diskMb() > capacity.diskMb();
        return "The quotas shown add up to " + Formats.resources(quotaSum) + "; the cluster has "
                + Formats.resources(capacity) + "."
                + (over
                        ? " The quotas exceed the cluster's capacity: not every team can use its whole quota at once."
                        : "");
    }

    private static Div quotaLegend() {
        Div legend = new Div();
        legend.addClassName("borealis-quota-legend");
        for (String[] entry : new String[][] {
            {"bar-used", "production use"}, {"bar-quota", "rest of the quota"}, {"bar-track", "rest of the cluster"}
        }) {
            Span swatch = new Span();
            swatch.addClassNames("borealis-swatch", entry[0]);
            legend.add(new Span(swatch, new Span(entry[1])));
        }
        return legend;
    }

    private static Component quotaUsage(
            QuotaService.TeamQuota quota, ToDoubleFunction<Resources> resource, Unit unit, double capacity) {
        double used = resource.applyAsDouble(quota.production().resources());
        Span numbers;
        Component bar;
        if (!quota.hasQuota()) {
            numbers = new Span("no quota · uses " + unit.format(used));
            bar = Svg.bar(
                    capacity,
                    "No quota; production use " + unit.format(used) + " of the cluster's " + unit.format(capacity),
                    new Svg.Segment(used, "bar-over", null));
        } else {
            double limit = resource.applyAsDouble(quota.quota().resources());
            String share =
                    capacity <= 0 ? "" : String.format(Locale.ROOT, " (%.0f%% of the cluster)", limit / capacity * 100);
            numbers = new Span(unit.format(limit) + share + " · uses " + unit.format(used));
            bar = Svg.bar(
                    capacity,
                    "Quota " + unit.format(limit) + " of the cluster's " + unit.format(capacity) + "; production use "
                            + unit.format(used),
                    new Svg.Segment(Math.min(used, limit), "bar-used", "Production use: " + unit.format(used)),
                    new Svg.Segment(Math.max(0, limit - used), "bar-quota", "Rest of the quota"),
                    new Svg.Segment(Math.max(0, used - limit), "bar-over", "Over the quota"));
        }
        numbers.addClassName("borealis-usage-numbers");
        Div cell = new Div(numbers, bar);
        cell.addClassName("borealis-usage");
        return cell;
    }

    private void showHealth(ClusterHealth state) {
        health.removeAll();
        Span dot = new Span();
        dot.addClassNames("borealis-health-dot", state.connected() ? "up" : "down");
        Span title = new Span(state.driver() + " cluster");
        title.addClassName("borealis-health-title");
        Span status = new Span(state.connected() ? "Connected" : "Not connected");
        status.setId("cluster-connected");
        status.addClassNames("borealis-tag", state.connected() ? "borealis-tag-active" : "borealis-tag-killed");
        Div head = new Div(dot, title, status);
        head.addClassName("borealis-health-head");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("State", state.state());
        facts.put(
                "Last contact",
                state.lastContact() == null
                        ? "never"
                        : Formats.instant(state.lastContact()) + " ("
                                + Formats.ago(state.lastContact(), clock.instant()) + ")");
        new TreeMap<>(state.details()).forEach(facts::put);
        DescriptionList list = new DescriptionList();
        list.addClassName("borealis-facts");
        facts.forEach(
                (term, value) -> list.add(new DescriptionList.Term(term), new DescriptionList.Description(value)));
        health.add(head, list);
    }

    private void showTotals(List<AgentView> list) {
        totals.removeAll();
        capacity = Resources.NONE;
        Resources total = Resources.NONE;
        Resources allocated = Resources.NONE;
        int active = 0;
        int tasks = 0;
        for (AgentView agent : list) {
            if (agent.active()) {
                capacity = capacity.plus(agent.total());
            }
            total = total.plus(agent.total());
            allocated = allocated.plus(agent.allocated());
            active += agent.active() ? 1 : 0;
            tasks += agent.runningTasks();
        }
        totals.add(
                total(
                        "Agents",
                        active + " active",
                        list.size() - active == 0 ? "all reachable" : (list.size() - active) + " unreachable",
                        null),
                total("Tasks", Integer.toString(tasks), "on the agents", null),
                total(
                        "CPU",
                        Formats.cpus(allocated.cpus()),
                        "of " + Formats.cpus(total.cpus()),
                        Svg.bar(total.cpus(), "CPU allocated", new Svg.Segment(allocated.cpus(), "bar-used", null))),
                total(
                        "Memory",
                        Formats.megabytes(allocated.ramMb()),
                        "of " + Formats.megabytes(total.ramMb()),
                        Svg.bar(
                                total.ramMb(),
                                "Memory allocated",
                                new Svg.Segment(allocated.ramMb(), "bar-used", null))),
                total(
                        "Disk",
                        Formats.megabytes(allocated.diskMb()),
                        "of " + Formats.megabytes(total.diskMb()),
                        Svg.bar(
                                total.diskMb(),
                                "Disk allocated",
                                new Svg.Segment(allocated.diskMb(), "bar-used", null))));
    }

    private static Div total(String label, String value, String detail, Component bar) {
        Span name = new Span(label);
        name.addClassName("borealis-total-label");
        Span big = new Span(value);
        big.addClassName("borealis-total-value");
        Span small = new Span(detail);
        small.addClassName("borealis-muted");
        Div card = new Div(name, big, small);
        if (bar != null) {
            card.add(bar);
        }
        card.addClassNames("borealis-card", "borealis-total");
        return card;
    }

    private static Component agentCell(AgentView agent) {
        Span dot = new Span();
        dot.addClassNames("borealis-health-dot", agent.active() ? "up" : "down");
        dot.getElement().setAttribute("title", agent.active() ? "Active" : "Unreachable or gone");
        Span id = new Span(agent.id());
        id.addClassName("borealis-agent-id");
        Div cell = new Div(dot, id);
        if (!agent.hostname().equals(agent.id())) {
            Span host = new Span(agent.hostname());
            host.addClassName("borealis-muted");
            cell.add(host);
        }
        if (!agent.active()) {
            Span inactive = new Span("inactive");
            inactive.addClassNames("borealis-tag", "borealis-tag-killed");
            cell.add(inactive);
        }
        cell.addClassName("borealis-agent-cell");
        return cell;
    }

    private interface Unit {
        String format(double value);
    }

    /** A number of cores without the unit: "0.25", "4". */
    private static String cores(double value) {
        String text = Formats.cpus(value);
        return text.substring(0, text.indexOf(' '));
    }

    private static Component usage(AgentView agent, ToDoubleFunction<Resources> resource, Unit unit, Unit amount) {
        double total = resource.applyAsDouble(agent.total());
        double used = resource.applyAsDouble(agent.allocated());
        String percent = total <= 0 ? "" : String.format(Locale.ROOT, "%.0f%%", used / total * 100);
        Span numbers = new Span(amount.format(used) + " / " + unit.format(total));
        numbers.addClassName("borealis-usage-numbers");
        Span share = new Span(percent);
        share.addClassName("borealis-muted");
        Div head = new Div(numbers, share);
        head.addClassName("borealis-usage-head");
        Div cell = new Div(
                head,
                Svg.bar(
                        total,
                        unit.format(used) + " of " + unit.format(total) + " allocated",
                        new Svg.Segment(used, used > total ? "bar-over" : "bar-used", null)));
        cell.addClassName("borealis-usage");
        return cell;
    }

    private static Component attributes(AgentView agent) {
        Div chips = new Div();
        chips.addClassName("borealis-chips");
        new TreeMap<>(agent.attributes()).forEach((k, v) -> {
            Span chip = new Span(k + "=" + v);
            chip.addClassName("borealis-chip");
            chips.add(chip);
        });
        return chips;
    }
}
