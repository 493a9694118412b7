package io.borealis.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.ui.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

class ClusterViewTest extends ViewTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.borealis.auth.team.TeamService teams;

    @org.springframework.beans.factory.annotation.Autowired
    io.borealis.quota.QuotaService quotas;

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

    @Test
    @WithUserDetails("admin")
    void showsEveryTeamsQuotaAgainstTheClustersCapacity() {
        String team = "quota" + System.nanoTime() % 100_000;
        teams.createTeam(team, "Quota");
        quotas.setQuota(team, new Quota(new Resources(4, 4096, 20_480), null), false);
        ClusterView view = navigate(ClusterView.class);

        int search = -1;
        for (int i = 0; i < test(view.quotaGrid).size(); i++) {
            if (test(view.quotaGrid).getRow(i).team().equals(team)) {
                search = i;
            }
        }
        assertThat(search).as("admins see every team's quota").isNotNegative();
        String cpus = test(view.quotaGrid)
                .getCellComponent(search, "cpus")
                .getElement()
                .getTextRecursively();
        assertThat(cpus).startsWith("4 cpus (33% of the cluster) · uses 0 cpus");
        assertThat(view.quotaTotals.getText()).contains("the cluster has 12 cpus, 12 GB RAM, 60 GB disk.");
    }

    @Test
    @WithUserDetails("dev")
    void aUserSeesOnlyTheirTeamsQuotas() {
        String team = "hidden" + System.nanoTime() % 100_000;
        asAdmin(() -> teams.createTeam(team, "Hidden"));
        ClusterView view = navigate(ClusterView.class);

        assertThat(test(view.quotaGrid).size()).isPositive();
        for (int i = 0; i < test(view.quotaGrid).size(); i++) {
            assertThat(test(view.quotaGrid).getRow(i).team()).isNotEqualTo(team);
        }
    }

    @Test
    void quotasAboveTheClusterAreFlagged() {
        assertThat(ClusterView.quotaTotalsText(new Resources(20, 1024, 1024), new Resources(12, 4096, 4096)))
                .endsWith("The quotas exceed the cluster's capacity: not every team can use its whole quota at once.");
        assertThat(ClusterView.quotaTotalsText(new Resources(2, 1024, 1024), new Resources(12, 4096, 4096)))
                .doesNotContain("exceed");
    }
}
