package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.PortRange;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortRangesTest {

    private static PortRange r(int begin, int end) {
        return new PortRange(begin, end);
    }

    @Test
    void parsesRangesAndSinglePorts() {
        assertThat(PortRanges.parse("31000-31099")).isEqualTo(r(31000, 31099));
        assertThat(PortRanges.parse(" 31000 - 31099 ")).isEqualTo(r(31000, 31099));
        assertThat(PortRanges.parse("8080")).isEqualTo(r(8080, 8080));
        assertThat(PortRanges.parse("1-65535")).isEqualTo(r(1, 65535));
    }

    @Test
    void refusesBadRangesWithAReason() {
        assertThatThrownBy(() -> PortRanges.parse(null)).hasMessage("is required, e.g. 31000-31099");
        assertThatThrownBy(() -> PortRanges.parse(" ")).hasMessage("is required, e.g. 31000-31099");
        assertThatThrownBy(() -> PortRanges.parse("31000..31099"))
                .hasMessage("must look like 31000-31099, was '31000..31099'");
        assertThatThrownBy(() -> PortRanges.parse("a-b")).hasMessage("must look like 31000-31099, was 'a-b'");
        assertThatThrownBy(() -> PortRanges.parse("1-2-3")).hasMessageStartingWith("must look like");
        assertThatThrownBy(() -> PortRanges.parse("-5")).hasMessageStartingWith("must look like");
        assertThatThrownBy(() -> PortRanges.parse("0-10")).hasMessage("ports must be between 1 and 65535, was '0-10'");
        assertThatThrownBy(() -> PortRanges.parse("65000-65536"))
                .hasMessage("ports must be between 1 and 65535, was '65000-65536'");
        assertThatThrownBy(() -> PortRanges.parse("123456")).hasMessageStartingWith("must look like");
        assertThatThrownBy(() -> PortRanges.parse("31099-31000"))
                .hasMessage("must start at or below its end, was '31099-31000'");
    }

    @Test
    void mergeSortsAndJoinsOverlappingAndAdjacentRanges() {
        assertThat(PortRanges.merge(List.of())).isEmpty();
        assertThat(PortRanges.merge(List.of(r(5, 9), r(1, 3)))).containsExactly(r(1, 3), r(5, 9));
        assertThat(PortRanges.merge(List.of(r(1, 3), r(4, 6)))).containsExactly(r(1, 6));
        assertThat(PortRanges.merge(List.of(r(1, 5), r(3, 8)))).containsExactly(r(1, 8));
        assertThat(PortRanges.merge(List.of(r(1, 10), r(3, 4)))).containsExactly(r(1, 10));
        assertThat(PortRanges.merge(List.of(r(7, 7), r(5, 5), r(6, 6), r(9, 9))))
                .containsExactly(r(5, 7), r(9, 9));
        assertThat(PortRanges.merge(List.of(r(2, 2), r(2, 2)))).containsExactly(r(2, 2));
    }

    @Test
    void subtractingNothingLeavesTheRange() {
        assertThat(PortRanges.subtract(List.of(r(100, 199)), Set.of())).containsExactly(r(100, 199));
    }

    @Test
    void subtractingPortsSplitsTheRange() {
        List<PortRange> agent = List.of(r(100, 109));
        assertThat(PortRanges.subtract(agent, Set.of(100))).containsExactly(r(101, 109));
        assertThat(PortRanges.subtract(agent, Set.of(109))).containsExactly(r(100, 108));
        assertThat(PortRanges.subtract(agent, Set.of(104))).containsExactly(r(100, 103), r(105, 109));
        assertThat(PortRanges.subtract(agent, Set.of(104, 105))).containsExactly(r(100, 103), r(106, 109));
        assertThat(PortRanges.subtract(agent, Set.of(101, 103, 105)))
                .containsExactly(r(100, 100), r(102, 102), r(104, 104), r(106, 109));
        assertThat(PortRanges.subtract(agent, List.of(104, 104))).containsExactly(r(100, 103), r(105, 109));
    }

    @Test
    void subtractingEveryPortLeavesNothing() {
        assertThat(PortRanges.subtract(List.of(r(100, 102)), Set.of(100, 101, 102)))
                .isEmpty();
        assertThat(PortRanges.subtract(List.of(r(7, 7)), Set.of(7))).isEmpty();
    }

    @Test
    void portsOutsideTheRangesAreIgnored() {
        assertThat(PortRanges.subtract(List.of(r(100, 102)), Set.of(1, 99, 103, 60000)))
                .containsExactly(r(100, 102));
    }

    @Test
    void subtractWorksOverSeveralRangesAndMergesThemFirst() {
        assertThat(PortRanges.subtract(List.of(r(200, 204), r(100, 102), r(103, 104)), Set.of(102, 200)))
                .containsExactly(r(100, 101), r(103, 104), r(201, 204));
    }
}
