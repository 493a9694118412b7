package io.borealis.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.ui.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

class ClusterViewTest extends ViewTest {

    @Test
    @WithUserDetails("dev")
    void showsTheDriverAndEveryAgentWithItsCapacity() {
        ClusterView view = navigate(ClusterView.class);

        assertThat(test(view.agents).size()).isEqualTo(3);
        assertThat(test(view.agents).getRow(0).id()).isEqualTo("local-1");
        assertThat(view.agents.getColumnByKey("cpus")).isNotNull();
        String cpu = test(view.agents).getCellComponent(0, "cpus").getElement().getTextRecursively();
        assertThat(cpu).isEqualTo("0 / 4 cpus0%");
        String health = view.health.getElement().getTextRecursively();
        assertThat(health).contains("local cluster").contains("Connected");
        assertThat(view.totals.getElement().getTextRecursively())
                .contains("3 active")
                .contains("of 12 cpus");
    }
}
