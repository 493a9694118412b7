package io.borealis.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.job.Resources;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {

    private static final Quota QUOTA = new Quota(new Resources(4, 8192, 10_000), 10);

    @Test
    void exactlyAtTheQuotaFits() {
        Usage current = new Usage(new Resources(2, 4096, 5_000), 5);
        Usage additional = new Usage(new Resources(2, 4096, 5_000), 5);

        assertThat(QuotaPolicy.shortfalls(QUOTA, current, additional)).isEmpty();
    }

    @Test
    void oneOverOnEveryResourceIsReportedWithTheNumbers() {
        Usage current = new Usage(new Resources(2, 4096, 5_000), 5);
        Usage additional = new Usage(new Resources(2.5, 4097, 5_001), 6);

        assertThat(QuotaPolicy.shortfalls(QUOTA, current, additional))
                .extracting(Object::toString)
                .containsExactly(
                        "cpus: needs 2.5 cpus, 2 cpus left (0.5 cpus short)",
                        "ram: needs 4,097 MB, 4,096 MB left (1 MB short)",
                        "disk: needs 5,001 MB, 5,000 MB left (1 MB short)",
                        "tasks: needs 6 tasks, 5 tasks left (1 tasks short)");
    }

    @Test
    void fractionalCpusDoNotTripOverRounding() {
        Usage current = new Usage(new Resources(3.7, 0, 0), 0);
        Usage additional = new Usage(new Resources(0.3, 0, 0), 0);
        assertThat(QuotaPolicy.shortfalls(QUOTA, current, additional)).isEmpty();
    }

    @Test
    void noTaskLimitMeansOnlyResourcesCount() {
        Quota unlimitedTasks = new Quota(new Resources(100, 100_000, 100_000), null);
        assertThat(QuotaPolicy.shortfalls(unlimitedTasks, Usage.NONE, new Usage(new Resources(1, 1, 1), 10_000)))
                .isEmpty();
    }

    @Test
    void noQuotaAtAllRefusesAnyProductionTask() {
        assertThat(QuotaPolicy.shortfalls(Quota.NONE, Usage.NONE, Usage.of(new Resources(0.1, 16, 1), 1)))
                .extracting(QuotaPolicy.Shortfall::resource)
                .containsExactly("cpus", "ram", "disk", "tasks");
    }

    @Test
    void overUseIsShownAsZeroLeft() {
        Usage current = new Usage(new Resources(5, 9000, 10_000), 10);
        assertThat(QuotaPolicy.shortfalls(QUOTA, current, Usage.of(new Resources(1, 1, 1), 1)))
                .extracting(QuotaPolicy.Shortfall::available)
                .containsExactly("0 cpus", "0 MB", "0 MB", "0 tasks");
    }

    @Test
    void aQuotaBelowUseIsDescribedPerResource() {
        Usage use = new Usage(new Resources(6, 1024, 100), 12);
        assertThat(QuotaPolicy.belowUse(QUOTA, use))
                .containsExactly("cpus: 4 cpus is below the 6 cpus in use", "tasks: 10 is below the 12 running");
        assertThat(QuotaPolicy.belowUse(QUOTA, new Usage(new Resources(4, 8192, 10_000), 10)))
                .isEmpty();
    }
}
