package io.borealis.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.job.Constraint;
import io.borealis.job.JobKey;
import io.borealis.job.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static final JobKey WEB = new JobKey("payments", "prod", "web");
    private static final Resources SMALL = new Resources(1, 512, 100);

    @Test
    void spreadsAGroupOverTheAgentsThatFit() {
        List<ResourceOffer> offers =
                List.of(offer("a1", "a", 4, 4096), offer("a2", "a", 4, 4096), offer("b1", "b", 4, 4096));

        PlacementResult result = Placement.place(tasks(3, SMALL, List.of(), List.of()), offers, LimitCounts.NONE);

        assertThat(result.assignments()).extracting(a -> a.offer().agentId()).containsExactly("a1", "a2", "b1");
        assertThat(result.pendingReasons()).isEmpty();
    }

    @Test
    void fillsAgentsWhenThereAreMoreTasksThanAgents() {
        List<ResourceOffer> offers = List.of(offer("a1", "a", 2, 4096), offer("a2", "a", 3, 4096));

        PlacementResult result = Placement.place(tasks(6, SMALL, List.of(), List.of()), offers, LimitCounts.NONE);

        assertThat(result.assignments())
                .extracting(a -> a.offer().agentId())
                .containsExactly("a1", "a2", "a1", "a2", "a2");
        assertThat(result.pendingReasons()).containsOnlyKeys("t5");
        assertThat(result.pendingReasons().get("t5"))
                .isEqualTo("No agent fits: rack=a (2 agents): insufficient cpus (needs 1, at most 0 free).");
    }

    @Test
    void assignsTheLowestFreePortsByName() {
        ResourceOffer offer = new ResourceOffer(
                null,
                "a1",
                "host-1",
                Map.of("rack", "a"),
                new Resources(8, 8192, 1000),
                List.of(new PortRange(31000, 31000), new PortRange(31005, 31009)));

        PlacementResult result =
                Placement.place(tasks(2, SMALL, List.of("http", "admin"), List.of()), List.of(offer), LimitCounts.NONE);

        assertThat(result.assignments().get(0).ports()).isEqualTo(Map.of("http", 31000, "admin", 31005));
        assertThat(result.assignments().get(1).ports()).isEqualTo(Map.of("http", 31006, "admin", 31007));
    }

    @Test
    void runsOutOfPortsWithAReason() {
        ResourceOffer offer = new ResourceOffer(
                null, "a1", "host-1", Map.of(), new Resources(8, 8192, 1000), List.of(new PortRange(31000, 31002)));

        PlacementResult result =
                Placement.place(tasks(2, SMALL, List.of("http", "admin"), List.of()), List.of(offer), LimitCounts.NONE);

        assertThat(result.assignments()).hasSize(1);
        assertThat(result.pendingReasons().get("t1"))
                .isEqualTo(
                        "No agent fits: agents without attributes (1 agent): insufficient ports (needs 2, at most 1 free).");
    }

    @Test
    void valueConstraintsPickTheRightAgentsAndNegationExcludes() {
        List<ResourceOffer> offers =
                List.of(offer("a1", "a", 4, 4096), offer("b1", "b", 4, 4096), offer("c1", "c", 4, 4096));

        PlacementResult onB = Placement.place(
                tasks(2, SMALL, List.of(), List.of(Constraint.value("rack", "b"))), offers, LimitCounts.NONE);
        PlacementResult notA = Placement.place(
                tasks(4, SMALL, List.of(), List.of(Constraint.notValue("rack", "a"))), offers, LimitCounts.NONE);

        assertThat(onB.assignments()).extracting(a -> a.offer().agentId()).containsExactly("b1", "b1");
        assertThat(notA.assignments())
                .extracting(a -> a.offer().agentId())
                .containsOnly("b1", "c1")
                .hasSize(4);
    }

    @Test
    void aConstraintNoAgentMeetsIsExplainedPerClass() {
        List<ResourceOffer> offers =
                List.of(offer("a1", "a", 4, 4096), offer("a2", "a", 4, 4096), offer("b1", "b", 1, 256));

        PlacementResult result = Placement.place(
                tasks(1, new Resources(2, 1024, 10), List.of(), List.of(Constraint.value("rack", "z"))),
                offers,
                LimitCounts.NONE);

        assertThat(result.pendingReasons().get("t0"))
                .isEqualTo("No agent fits: rack=a (2 agents): constraint rack=z not satisfied; "
                        + "rack=b (1 agent): constraint rack=z not satisfied.");
    }

    @Test
    void resourceShortfallsNameTheMostFreeInTheClass() {
        List<ResourceOffer> offers =
                List.of(offer("a1", "a", 4, 1024), offer("a2", "a", 4, 2048), offer("b1", "b", 0.5, 8192));

        PlacementResult result =
                Placement.place(tasks(1, new Resources(2, 4096, 10), List.of(), List.of()), offers, LimitCounts.NONE);

        assertThat(result.pendingReasons().get("t0"))
                .isEqualTo("No agent fits: rack=a (2 agents): insufficient ram (needs 4096 MB, at most 2048 MB free); "
                        + "rack=b (1 agent): insufficient cpus (needs 2, at most 0.5 free).");
    }

    @Test
    void diskIsCheckedToo() {
        ResourceOffer small =
                new ResourceOffer(null, "a1", "h", Map.of("rack", "a"), new Resources(8, 8192, 50), List.of());

        PlacementResult result =
                Placement.place(tasks(1, SMALL, List.of(), List.of()), List.of(small), LimitCounts.NONE);

        assertThat(result.pendingReasons().get("t0")).contains("insufficient disk (needs 100 MB, at most 50 MB free)");
    }

    @Test
    void limitConstraintsCountWhatRunsAndWhatThisRoundPlaces() {
        List<ResourceOffer> offers =
                List.of(offer("a1", "a", 8, 8192), offer("a2", "a", 8, 8192), offer("b1", "b", 8, 8192));
        // one task of the job already runs on host a1
        LimitCounts running =
                (job, attribute, value) -> job.equals(WEB) && attribute.equals("host") && value.equals("a1") ? 1 : 0;

        PlacementResult result =
                Placement.place(tasks(4, SMALL, List.of(), List.of(Constraint.limit("host", 1))), offers, running);

        assertThat(result.assignments()).extracting(a -> a.offer().agentId()).containsExactly("a2", "b1");
        assertThat(result.pendingReasons()).containsOnlyKeys("t2", "t3");
        assertThat(result.pendingReasons().get("t2"))
                .isEqualTo(
                        "No agent fits: rack=a (2 agents): limit host 1 reached; rack=b (1 agent): limit host 1 reached.");
    }

    @Test
    void aLimitOnAnAttributeAgentsLackIsExplained() {
        PlacementResult result = Placement.place(
                tasks(1, SMALL, List.of(), List.of(Constraint.limit("zone", 1))),
                List.of(offer("a1", "a", 8, 8192)),
                LimitCounts.NONE);

        assertThat(result.pendingReasons().get("t0")).contains("has no 'zone' attribute for limit");
    }

    @Test
    void withNoOffersEverythingWaitsWithThatReason() {
        PlacementResult result = Placement.place(tasks(2, SMALL, List.of(), List.of()), List.of(), LimitCounts.NONE);

        assertThat(result.assignments()).isEmpty();
        assertThat(result.pendingReasons()).containsOnlyKeys("t0", "t1");
        assertThat(result.pendingReasons().get("t0")).isEqualTo("No agents have free resources to offer right now.");
    }

    @Test
    void differentShapesShareTheOffersInOrder() {
        List<ResourceOffer> offers = List.of(offer("a1", "a", 2, 4096));
        List<PendingTask> both = new ArrayList<>(tasks(1, new Resources(1.5, 512, 10), List.of(), List.of()));
        both.add(new PendingTask("other", new JobKey("payments", "prod", "worker"), 0, SMALL, List.of(), List.of()));

        PlacementResult result = Placement.place(both, offers, LimitCounts.NONE);

        assertThat(result.assignments()).extracting(a -> a.task().taskId()).containsExactly("t0");
        assertThat(result.pendingReasons().get("other")).contains("insufficient cpus (needs 1, at most 0.5 free)");
    }

    @Test
    void fractionalCpusAddUpWithoutRoundingErrors() {
        List<ResourceOffer> offers = List.of(offer("a1", "a", 0.3, 4096));

        PlacementResult result =
                Placement.place(tasks(3, new Resources(0.1, 16, 1), List.of(), List.of()), offers, LimitCounts.NONE);

        assertThat(result.assignments()).hasSize(3);
    }

    private static List<PendingTask> tasks(
            int count, Resources resources, List<String> ports, List<Constraint> constraints) {
        return IntStream.range(0, count)
                .mapToObj(i -> new PendingTask("t" + i, WEB, i, resources, ports, constraints))
                .toList();
    }

    private static ResourceOffer offer(String agent, String rack, double cpus, long ram) {
        return new ResourceOffer(
                null,
                agent,
                "host-" + agent,
                Map.of("rack", rack, "host", agent),
                new Resources(cpus, ram, 10_000),
                List.of(new PortRange(31000, 31099)));
    }
}
