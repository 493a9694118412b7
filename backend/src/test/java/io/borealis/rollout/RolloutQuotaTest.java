package io.borealis.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.quota.Usage;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rollout needs the larger of each instance's old and new configuration, only where it grows. */
class RolloutQuotaTest {

    private static final TaskConfig OLD = TaskConfig.of("./old", new Resources(1, 512, 100));
    private static final TaskConfig NEW = TaskConfig.of("./new", new Resources(0.5, 1024, 100));
    private static final Map<Long, TaskConfig> CONFIGS = Map.of(1L, OLD, 2L, NEW);

    @Test
    void changedInstancesNeedOnlyWhatGrowsResourceByResource() {
        JobDiff diff = JobDiff.between(Map.of(0, 1L, 1, 1L), 2, 2, 2, Set.of());
        Usage additional = RolloutQuota.additional(diff, CONFIGS::get, NEW);
        // cpus shrink (nothing more), memory grows by 512 MB per instance, no new tasks
        assertThat(additional).isEqualTo(new Usage(new Resources(0, 1024, 0), 0));
    }

    @Test
    void addedInstancesNeedTheWholeNewConfigurationAndRemovedOnesNothing() {
        JobDiff growing = JobDiff.between(Map.of(0, 2L), 1, 2, 3, Set.of());
        assertThat(RolloutQuota.additional(growing, CONFIGS::get, NEW))
                .isEqualTo(new Usage(new Resources(1, 2048, 200), 2));
        JobDiff shrinking = JobDiff.between(Map.of(0, 2L, 1, 2L), 2, 2, 1, Set.of());
        assertThat(RolloutQuota.additional(shrinking, CONFIGS::get, NEW)).isEqualTo(Usage.NONE);
    }

    @Test
    void preemptibleConfigurationsUseNoQuota() {
        TaskConfig cheap = NEW.withTier(Tier.PREEMPTIBLE);
        JobDiff toCheap = JobDiff.between(Map.of(0, 1L), 1, 3, 1, Set.of());
        assertThat(RolloutQuota.additional(toCheap, Map.of(1L, OLD)::get, cheap))
                .isEqualTo(Usage.NONE);
        JobDiff fromCheap = JobDiff.between(Map.of(0, 3L), 1, 2, 1, Set.of());
        assertThat(RolloutQuota.additional(fromCheap, Map.of(3L, cheap)::get, NEW))
                .isEqualTo(new Usage(new Resources(0.5, 1024, 100), 1));
    }
}
