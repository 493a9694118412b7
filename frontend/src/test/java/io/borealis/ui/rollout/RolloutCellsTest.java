package io.borealis.ui.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import io.borealis.rollout.InstanceState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutCellsTest {

    private final RolloutCells cells = new RolloutCells();

    @Test
    void whileTheRolloutRunsAnUnreachedInstanceIsPending() {
        cells.show(states());

        assertThat(legend()).containsExactly("2 pending", "1 rolled back");
        assertThat(cells.squares.getElement().getChild(0).getAttribute("title")).isEqualTo("Instance 0: pending");
    }

    @Test
    void onceItEndedAnUnreachedInstanceWasNotUpdatedAndTheSquaresSaySo() {
        cells.show(states());
        cells.show(states(), true);

        assertThat(legend()).containsExactly("2 not updated", "1 rolled back");
        assertThat(cells.squares.getElement().getChild(0).getAttribute("title")).isEqualTo("Instance 0: not updated");
        assertThat(cells.classesOf(0)).contains("ro-pending");
    }

    private static Map<Integer, InstanceState> states() {
        Map<Integer, InstanceState> states = new LinkedHashMap<>();
        states.put(0, InstanceState.PENDING);
        states.put(1, InstanceState.ROLLED_BACK);
        states.put(2, InstanceState.PENDING);
        return states;
    }

    private java.util.List<String> legend() {
        return cells.legend.getChildren().map(pill -> ((Span) pill).getText()).toList();
    }
}
