package io.borealis.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import io.borealis.job.JobKey;
import io.borealis.scheduler.JobService;
import io.borealis.task.TaskState;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.context.support.WithUserDetails;

/** The jobs list: filters, paging and sorting in the database, counts by state, live refresh. */
class JobsViewTest extends ViewTest {

    @Autowired
    JobService jobs;

    @Test
    @WithUserDetails("dev")
    void filtersNarrowTheListAndLandInTheUrl() {
        String environment = Specs.unique("list");
        jobs.create(Specs.preemptible("payments", environment, "web-a", 2));
        jobs.create(Specs.preemptible("payments", environment, "web-b", 1));
        jobs.create(Specs.preemptible("payments", environment, "batch", 3));
        JobsView view = open(environment);

        assertThat(test(view.grid).size()).isEqualTo(3);
        assertThat(view.total.getText()).isEqualTo("3 jobs");
        assertThat(test(view.grid).getRow(0).key()).isEqualTo(new JobKey("payments", environment, "batch"));
        assertThat(test(view.grid)
                        .getLitRendererPropertyValue(0, "states", "pills", java.util.ArrayList.class)
                        .toString())
                .contains("3 pending")
                .contains("state-pending");
        assertThat(test(view.grid).getLitRendererPropertyValue(0, "job", "href", String.class))
                .isEqualTo("jobs/payments/" + environment + "/batch");

        test(view.name).setValue("WEB");
        assertThat(test(view.grid).size()).isEqualTo(2);

        test(view.state).selectItem("Running");
        assertThat(test(view.grid).size()).isZero();
        assertThat(view.filter().state()).isEqualTo(TaskState.RUNNING);

        test(view.state).selectItem("Pending");
        test(view.grid).sortByColumn("instances", SortDirection.DESCENDING);
        assertThat(test(view.grid).getRow(0).key().name()).isEqualTo("web-a");
    }

    @Test
    @WithUserDetails("dev")
    void thousandsOfJobsArePagedByTheDatabaseAndNewJobsAppearLive() {
        String environment = Specs.unique("page");
        for (int i = 0; i < 60; i++) {
            jobs.create(Specs.preemptible("payments", environment, String.format("job-%03d", i), 1));
        }
        JobsView view = open(environment);

        assertThat(test(view.grid).size()).isEqualTo(60);
        assertThat(test(view.grid).getRow(59).key().name()).isEqualTo("job-059");
        test(view.grid).sortByColumn("job", SortDirection.DESCENDING);
        assertThat(test(view.grid).getRow(0).key().name()).isEqualTo("job-059");

        jobs.create(Specs.preemptible("payments", environment, "job-new", 1));

        eventually(() -> test(view.grid).size() == 61);
    }

    @Test
    @WithMockUser(username = "newcomer")
    void somebodyInNoTeamSeesNoJobsAndMayNotLaunch() {
        JobsView view = navigate(JobsView.class);

        assertThat(test(view.grid).size()).isZero();
        assertThat(view.grid.getEmptyStateText()).isEqualTo("No jobs to show yet.");
        assertThat(view.launch.button().isEnabled()).isFalse();
        assertThat(view.launch.tooltipText())
                .isEqualTo("You need the DEVELOPER level in a team to launch jobs (you are not a member of any "
                        + "team). A lead of the team or a platform admin can add you.");
    }

    private JobsView open(String environment) {
        UI.getCurrent().navigate(JobsView.class, QueryParameters.of("env", environment));
        return (JobsView) getCurrentView();
    }
}
