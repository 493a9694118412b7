package io.borealis.ui.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.borealis.job.JobSpec;
import io.borealis.scheduler.JobService;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.audit.AuditView;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The job page's "Audit trail" link: shown to those who may read the team's audit log, opening the job's history. */
class JobAuditLinkTest extends ViewTest {

    @Autowired
    JobService jobs;

    @Test
    @WithUserDetails("lead")
    void theJobPageLinksToTheJobsAuditTrailForItsLead() {
        JobSpec spec = Specs.service(Specs.unique("linked"), 1);
        jobs.create(spec);

        JobView job = navigate("jobs/" + spec.key(), JobView.class);

        assertThat(job.auditTrail.isVisible()).isTrue();
        String href = job.auditTrail.getHref();
        assertThat(URLDecoder.decode(href, StandardCharsets.UTF_8)).isEqualTo("audit?target=" + spec.key());
        UI.getCurrent().navigate("audit", QueryParameters.fromString(href.substring("audit?".length())));
        assertThat(getCurrentView()).isInstanceOf(AuditView.class);
        assertThat(((AuditView) getCurrentView()).entries())
                .extracting(e -> e.action() + " " + e.target())
                .containsExactly("job.create " + spec.key());
    }

    @Test
    @WithUserDetails("dev")
    void aDeveloperGetsNoAuditLink() {
        JobSpec spec = Specs.service(Specs.unique("unlinked"), 1);
        jobs.create(spec);

        JobView job = navigate("jobs/" + spec.key(), JobView.class);

        assertThat(job.auditTrail.isVisible()).isFalse();
    }
}
