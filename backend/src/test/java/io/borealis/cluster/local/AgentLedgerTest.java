package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.PortRange;
import io.borealis.job.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLedgerTest {

    private final AgentLedger ledger = new AgentLedger(new Resources(4, 4096, 10000), new PortRange(31000, 31009));

    @Test
    void startsEmpty() {
        assertThat(ledger.allocated()).isEqualTo(Resources.NONE);
        assertThat(ledger.free()).isEqualTo(new Resources(4, 4096, 10000));
        assertThat(ledger.freePorts()).containsExactly(new PortRange(31000, 31009));
        assertThat(ledger.taskCount()).isZero();
    }

    @Test
    void reservingCountsResourcesAndPortsUntilReleased() {
        assertThat(ledger.reserve("a", new Resources(1.5, 1024, 2000), List.of(31000, 31005)))
                .isEmpty();
        assertThat(ledger.reserve("b", new Resources(0.5, 512, 1000), List.of(31001)))
                .isEmpty();

        assertThat(ledger.allocated()).isEqualTo(new Resources(2, 1536, 3000));
        assertThat(ledger.free()).isEqualTo(new Resources(2, 2560, 7000));
        assertThat(ledger.freePorts()).containsExactly(new PortRange(31002, 31004), new PortRange(31006, 31009));
        assertThat(ledger.taskCount()).isEqualTo(2);
        assertThat(ledger.holds("a")).isTrue();

        assertThat(ledger.release("a")).isTrue();
        assertThat(ledger.release("a")).isFalse();
        assertThat(ledger.holds("a")).isFalse();
        assertThat(ledger.allocated()).isEqualTo(new Resources(0.5, 512, 1000));
        assertThat(ledger.freePorts()).containsExactly(new PortRange(31000, 31000), new PortRange(31002, 31009));
    }

    @Test
    void fillingTheAgentExactlyIsAllowed() {
        assertThat(ledger.reserve("all", new Resources(4, 4096, 10000), List.of()))
                .isEmpty();
        assertThat(ledger.free()).isEqualTo(Resources.NONE);
        assertThat(ledger.reserve("more", new Resources(0.001, 0, 0), List.of()))
                .hasValueSatisfying(why -> assertThat(why).startsWith("not enough free resources"));
    }

    @Test
    void fractionsOfCoresAddUpWithoutDrift() {
        for (int i = 0; i < 40; i++) {
            assertThat(ledger.reserve("t" + i, new Resources(0.1, 1, 1), List.of()))
                    .isEmpty();
        }
        assertThat(ledger.allocated().cpus()).isEqualTo(4.0);
        assertThat(ledger.reserve("one-too-many", new Resources(0.1, 1, 1), List.of()))
                .isPresent();
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThat(ledger.reserve("cpu", new Resources(4.5, 1, 1), List.of()))
                .hasValue("not enough free resources: needs 4.5 cpus, 1 MB ram, 1 MB disk,"
                        + " free 4.0 cpus, 4096 MB ram, 10000 MB disk");
        assertThat(ledger.reserve("ram", new Resources(1, 4097, 1), List.of())).isPresent();
        assertThat(ledger.reserve("disk", new Resources(1, 1, 10001), List.of()))
                .isPresent();
        assertThat(ledger.taskCount()).isZero();
    }

    @Test
    void refusesPortsOutsideTheRangeInUseOrTwice() {
        assertThat(ledger.reserve("a", Resources.NONE, List.of(30999)))
                .hasValue("port 30999 is outside the agent's range 31000-31009");
        assertThat(ledger.reserve("b", Resources.NONE, List.of(31010))).isPresent();
        assertThat(ledger.reserve("c", Resources.NONE, List.of(31003))).isEmpty();
        assertThat(ledger.reserve("d", Resources.NONE, List.of(31004, 31003))).hasValue("port 31003 is already in use");
        assertThat(ledger.reserve("e", Resources.NONE, List.of(31004, 31004))).hasValue("port 31004 is already in use");
        assertThat(ledger.taskCount()).isEqualTo(1);
        assertThat(ledger.freePorts()).containsExactly(new PortRange(31000, 31002), new PortRange(31004, 31009));
    }

    @Test
    void refusesATaskTwice() {
        assertThat(ledger.reserve("a", new Resources(1, 1, 1), List.of())).isEmpty();
        assertThat(ledger.reserve("a", new Resources(1, 1, 1), List.of()))
                .hasValue("task a already holds resources here");
        assertThat(ledger.allocated()).isEqualTo(new Resources(1, 1, 1));
    }

    @Test
    void adoptedTasksCountEvenBeyondCapacityButFreeNeverGoesNegative() {
        ledger.adopt("old", new Resources(6, 5000, 20000), List.of(31000, 40000));
        assertThat(ledger.allocated()).isEqualTo(new Resources(6, 5000, 20000));
        assertThat(ledger.free()).isEqualTo(Resources.NONE);
        assertThat(ledger.freePorts()).containsExactly(new PortRange(31001, 31009));
        assertThat(ledger.reserve("new", new Resources(0.1, 1, 1), List.of())).isPresent();
        ledger.release("old");
        assertThat(ledger.free()).isEqualTo(new Resources(4, 4096, 10000));
    }
}
