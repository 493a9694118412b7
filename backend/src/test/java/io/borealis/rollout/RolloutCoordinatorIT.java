package io.borealis.rollout;

import static io.borealis.scheduler.SchedulerHarness.prepareTeam;
import static io.borealis.scheduler.SchedulerHarness.settle;
import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static io.borealis.scheduler.SchedulerHarness.signInAsAdmin;
import static io.borealis.scheduler.SchedulerHarness.signOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.BackendTestApplication;
import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditFilter;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRepository;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import io.borealis.error.PermissionDeniedException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobRepository;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaExceededException;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.SchedulerHarness;
import io.borealis.scheduler.SchedulerLoop;
import io.borealis.scheduler.TaskLifecycle;
import io.borealis.scheduler.Transactions;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import io.borealis.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Rollouts from start to end against a real database and the simulated cluster: deterministic
 * (the test delivers the cluster's updates and moves the clock), on H2 and PostgreSQL.
 */
@SpringBootTest(classes = BackendTestApplication.class)
class RolloutCoordinatorIT extends BackendTestApplication.SchedulerTest {

    private static final String TEAM = "rollers";
    private static final String LEAD = "lena";
    private static final String DEV = "devon";
    private static final String VIEWER = "vic";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Resources SMALL = new Resources(0.1, 32, 10);
    private static final TaskConfig V1 = TaskConfig.of("./serve --version 1", SMALL);
    private static final TaskConfig V2 = TaskConfig.of("./serve --version 2", SMALL);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RolloutService rollouts;

    @Autowired
    RolloutRepository rolloutRepository;

    @Autowired
    RolloutCoordinator coordinator;

    @Autowired
    JobService jobs;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    TaskRepository tasks;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    SimulatedCluster cluster;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditRepository auditEntries;

    @Autowired
    TeamService teams;

    @Autowired
    QuotaService quotas;

    @Autowired
    UserAccountService users;

    @Autowired
    TaskLifecycle lifecycle;

    @Autowired
    Transactions transactions;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    RolloutRetention retention;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void team() {
        prepareTeam(
                teams,
                quotas,
                users,
                TEAM,
                Map.of(LEAD, TeamLevel.LEAD, DEV, TeamLevel.DEVELOPER, VIEWER, TeamLevel.VIEWER),
                SchedulerHarness.LARGE_QUOTA);
        cluster.autoStart(true);
        cluster.autoKill(true);
    }

    /** Every test leaves no rollout active and no job running. */
    @AfterEach
    void cleanUp() {
        cluster.autoStart(true);
        cluster.autoKill(true);
        signInAsAdmin();
        for (RolloutSummary active : rollouts.listAll(RolloutFilter.all().withStatuses(RolloutStatus.ACTIVE))) {
            rollouts.abort(active.rollout().id(), "test over");
        }
        for (var summary : jobs.listJobs()) {
            jobs.killJob(summary.key(), "test over");
        }
        settle(loop, cluster);
        signOut();
    }

    // the happy path and the batching strategies

    @Test
    void aJobRolledToAGoodConfigurationEndsOnItBatchByBatch() {
        JobKey key = createJob(6);
        Job before = job(key);
        Map<Integer, String> oldTasks = liveTaskIds(key);

        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(2), "ship v2");
        assertThat(started.status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        assertThat(started.startedBy()).isEqualTo(DEV);
        assertThat(started.fromConfigIds()).containsExactly(before.currentConfigId());

        int maxInFlight = 0;
        for (int i = 0; i < 100 && rollout(started).status().isActive(); i++) {
            loop.round();
            cluster.flush();
            maxInFlight = Math.max(maxInFlight, inFlight(started));
            if (i % 4 == 3) {
                clock.advance(WAIT);
            }
        }
        Rollout done = rollout(started);
        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(maxInFlight).isEqualTo(2);

        Job after = job(key);
        assertThat(after.currentConfig()).isEqualTo(V2);
        assertThat(after.instanceCount()).isEqualTo(6);
        assertThat(live(key)).hasSize(6).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TaskState.RUNNING);
            assertThat(t.configId()).isEqualTo(done.toConfigId());
        });
        assertUpdatedExactlyOnce(key, done, oldTasks);

        RolloutDetails details = rollouts.details(done.id());
        assertThat(details.batches()).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4, 5));
        assertThat(details.events())
                .extracting(RolloutEvent::status, RolloutEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ROLLING_FORWARD, DEV),
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ROLLED_FORWARD, "system"));
        assertThat(details.events().getFirst().message()).isEqualTo("ship v2");
        assertThat(details.instances()).allMatch(i -> i.state() == InstanceState.UPDATED);
        assertThat(details.summary().progress()).isEqualTo(new RolloutProgress(6, 0, 0, 6, 0, 0));
        assertThat(details.toConfig()).isEqualTo(V2);
        assertThat(details.fromConfigs()).containsExactly(Map.entry(before.currentConfigId(), V1));
        assertThat(eventsOf(details, 0))
                .containsExactly(InstanceState.UPDATING, InstanceState.WAITING_HEALTHY, InstanceState.UPDATED);
        // batch 2 started only once batch 1 was done
        var firstUpdated = details.instanceEvents().stream()
                .filter(e -> e.instanceId() <= 1 && e.state() == InstanceState.UPDATED)
                .map(InstanceEvent::at)
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        var secondStarted = details.instanceEvents().stream()
                .filter(e -> e.instanceId() == 2 && e.state() == InstanceState.UPDATING)
                .findFirst()
                .orElseThrow();
        assertThat(secondStarted.at()).isAfterOrEqualTo(firstUpdated);
        assertThat(secondStarted.id())
                .isGreaterThan(details.instanceEvents().stream()
                        .filter(e -> e.instanceId() == 1 && e.state() == InstanceState.UPDATED)
                        .findFirst()
                        .orElseThrow()
                        .id());
    }

    @Test
    void aRolloutCanGrowAndShrinkTheJobAddingFirstAndRemovingLast() {
        JobKey key = createJob(3);
        signInAs(DEV);
        Rollout grow = rollouts.start(key, V2, 5, settings(2), null);
        assertThat(rollouts.details(grow.id()).batches()).containsExactly(List.of(3, 4), List.of(0, 1), List.of(2));
        driveToEnd(grow);
        assertThat(rollout(grow).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(job(key).instanceCount()).isEqualTo(5);
        assertThat(live(key)).hasSize(5).allMatch(t -> t.configId() == grow.toConfigId());

        Rollout shrink = rollouts.start(key, V1, 2, settings(2), null);
        assertThat(rollouts.details(shrink.id()).batches()).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
        driveToEnd(shrink);
        assertThat(rollout(shrink).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(job(key).instanceCount()).isEqualTo(2);
        assertThat(job(key).currentConfig()).isEqualTo(V1);
        assertThat(live(key)).extracting(Task::instanceId).containsExactly(0, 1);
        assertThat(rollouts.details(shrink.id()).instances())
                .filteredOn(i -> i.change() == InstanceChange.REMOVE)
                .extracting(RolloutInstance::instanceId, RolloutInstance::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, InstanceState.UPDATED),
                        org.assertj.core.groups.Tuple.tuple(3, InstanceState.UPDATED),
                        org.assertj.core.groups.Tuple.tuple(4, InstanceState.UPDATED));
    }

    @Test
    void variableBatchesAndASlidingWindowRunToTheEnd() {
        JobKey key = createJob(7);
        signInAs(DEV);
        Rollout variable = rollouts.start(
                key, V2, null, RolloutSettings.variableBatches(1, 2, 3).withMinWaitSeconds(30), null);
        assertThat(rollouts.details(variable.id()).batches())
                .containsExactly(List.of(0), List.of(1, 2), List.of(3, 4, 5), List.of(6));
        driveToEnd(variable);
        assertThat(rollout(variable).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);

        Rollout window =
                rollouts.start(key, V1, null, RolloutSettings.slidingWindow(3).withMinWaitSeconds(30), null);
        int maxInFlight = 0;
        for (int i = 0; i < 100 && rollout(window).status().isActive(); i++) {
            loop.round();
            cluster.flush();
            maxInFlight = Math.max(maxInFlight, inFlight(window));
            if (i % 3 == 2) {
                clock.advance(WAIT);
            }
        }
        assertThat(rollout(window).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(maxInFlight).isEqualTo(3);
        assertThat(job(key).currentConfig()).isEqualTo(V1);
    }

    // checkpoints, pause and resume

    @Test
    void aCheckpointPausesTheRolloutUntilALeadResumesIt() {
        JobKey key = createJob(6);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(2).withPauseAfterBatches(1), "with a checkpoint");
        driveToEnd(started);

        Rollout paused = rollout(started);
        assertThat(paused.status()).isEqualTo(RolloutStatus.ROLL_FORWARD_PAUSED);
        assertThat(stateCounts(paused))
                .containsEntry(InstanceState.UPDATED, 2L)
                .containsEntry(InstanceState.PENDING, 4L);
        RolloutEvent pause = rollouts.details(paused.id()).events().getLast();
        assertThat(pause.actor()).isEqualTo("system");
        assertThat(pause.message())
                .isEqualTo("Update auto paused after batch 1 of 3 (checkpoint): a team lead resumes it");
        // while paused nothing moves
        clock.advance(WAIT);
        settle(loop, cluster);
        assertThat(stateCounts(rollout(started))).containsEntry(InstanceState.PENDING, 4L);

        // a developer may start rollouts but not resume them; the refusal is audited
        long before = lastSeq();
        assertThatThrownBy(() -> rollouts.resume(started.id(), "go on"))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("LEAD");
        AuditEntry refused = single(before, "rollout.resume");
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(refused.actor()).isEqualTo(DEV);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLL_FORWARD_PAUSED);

        signInAs(LEAD);
        before = lastSeq();
        Rollout resumed = rollouts.resume(started.id(), "batch 1 looks good");
        assertThat(resumed.status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        AuditEntry resume = single(before, "rollout.resume");
        assertThat(resume.actor()).isEqualTo(LEAD);
        assertThat(resume.reason()).isEqualTo("batch 1 looks good");
        assertThat(resume.changes()).contains("ROLL_FORWARD_PAUSED").contains("ROLLING_FORWARD");
        assertThat(stateCounts(resumed)).containsEntry(InstanceState.UPDATING, 2L);

        driveToEnd(started);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(rollouts.details(started.id()).events())
                .extracting(RolloutEvent::status)
                .containsExactly(
                        RolloutStatus.ROLLING_FORWARD,
                        RolloutStatus.ROLL_FORWARD_PAUSED,
                        RolloutStatus.ROLLING_FORWARD,
                        RolloutStatus.ROLLED_FORWARD);
    }

    @Test
    void pauseAfterEachBatchStopsAtEveryBoundary() {
        JobKey key = createJob(3);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(1).withPauseAfterEachBatch(true), null);
        signInAs(LEAD);
        for (int batch = 1; batch <= 2; batch++) {
            driveToEnd(started);
            assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLL_FORWARD_PAUSED);
            assertThat(stateCounts(rollout(started))).containsEntry(InstanceState.UPDATED, (long) batch);
            rollouts.resume(started.id(), null);
        }
        driveToEnd(started);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
    }

    @Test
    void aLeadPausesAndResumesAndNothingStartsWhilePaused() {
        JobKey key = createJob(4);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(2), null);
        settle(loop, cluster);

        signInAs(LEAD);
        long before = lastSeq();
        Rollout paused = rollouts.pause(started.id(), "looking at the graphs");
        assertThat(paused.status()).isEqualTo(RolloutStatus.ROLL_FORWARD_PAUSED);
        assertThat(single(before, "rollout.pause").reason()).isEqualTo("looking at the graphs");
        assertThatThrownBy(() -> rollouts.pause(started.id(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Rollout " + started.id() + " of " + key
                        + " is ROLL_FORWARD_PAUSED: only a rollout that is rolling forward or back can be paused.");

        for (int i = 0; i < 3; i++) {
            clock.advance(WAIT);
            settle(loop, cluster);
        }
        // the first batch's instances are not counted while paused; the second batch never starts
        assertThat(stateCounts(rollout(started))).containsEntry(InstanceState.PENDING, 2L);

        Rollout resumed = rollouts.resume(started.id(), null);
        assertThat(resumed.status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        assertThat(rollouts.details(started.id()).events().getLast().message()).isEqualTo("Resumed by " + LEAD);
        assertThatThrownBy(() -> rollouts.resume(started.id(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("only a paused rollout can be resumed");
        driveToEnd(started);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
    }

    // failures

    @Test
    void aFailingConfigurationIsRolledBackAutomaticallyWithTheCauseRecorded() {
        JobKey key = createJob(6);
        Job before = job(key);
        TaskConfig broken = TaskConfig.of("./serve --crash", SMALL);
        signInAs(DEV);
        long seq = lastSeq();
        Rollout started = rollouts.start(key, broken, null, settings(2), "try the crashing build");
        settle(loop, cluster);
        assertThat(stateCounts(rollout(started))).containsEntry(InstanceState.WAITING_HEALTHY, 2L);

        failRunning(broken);
        settle(loop, cluster);

        Rollout rolling = rollout(started);
        assertThat(rolling.status()).isEqualTo(RolloutStatus.ROLLING_BACK);
        RolloutEvent auto = rollouts.details(started.id()).events().getLast();
        assertThat(auto.actor()).isEqualTo("system");
        assertThat(auto.message())
                .startsWith(
                        "Rolling back automatically: 2 instances failed, more than the 0 allowed; latest: instance ")
                .contains("ended FAILED (Command exited with status 1): failure 1, at most 0 allowed");
        AuditEntry automatic = single(seq, "rollout.rollback-automatic");
        assertThat(automatic.actor()).isEqualTo("system");
        assertThat(automatic.message()).startsWith("Rollout rolled back automatically: 2 instances failed");
        assertThat(automatic.target()).isEqualTo("rollout " + started.id() + " of " + key);

        driveToEnd(started);
        Rollout done = rollout(started);
        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(job(key).currentConfigId()).isEqualTo(before.currentConfigId());
        assertThat(live(key)).hasSize(6).allSatisfy(t -> {
            assertThat(t.configId()).isEqualTo(before.currentConfigId());
            assertThat(t.state()).isEqualTo(TaskState.RUNNING);
        });
        RolloutDetails details = rollouts.details(done.id());
        assertThat(details.instances())
                .extracting(RolloutInstance::instanceId, RolloutInstance::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, InstanceState.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(1, InstanceState.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(2, InstanceState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(3, InstanceState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(4, InstanceState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(5, InstanceState.PENDING));
        assertThat(eventsOf(details, 1))
                .containsExactly(
                        InstanceState.UPDATING,
                        InstanceState.WAITING_HEALTHY,
                        InstanceState.UPDATE_FAILED,
                        InstanceState.ROLLING_BACK,
                        InstanceState.ROLLED_BACK);
        assertThat(single(seq, "rollout.finish").changes()).contains("ROLLED_BACK");
    }

    @Test
    void withoutRollbackTooManyFailuresEndTheRolloutFailedAndTheJobMixed() {
        JobKey key = createJob(4);
        Job before = job(key);
        TaskConfig broken = TaskConfig.of("./serve --crash", SMALL);
        signInAs(DEV);
        long seq = lastSeq();
        Rollout started = rollouts.start(key, broken, null, settings(2).withRollbackOnFailure(false), null);
        settle(loop, cluster);
        failRunning(broken);
        settle(loop, cluster);

        Rollout failed = rollout(started);
        assertThat(failed.status()).isEqualTo(RolloutStatus.FAILED);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(rollouts.details(failed.id()).events().getLast().message())
                .startsWith("Failed (rollback on failure is off): 2 instances failed, more than the 0 allowed");
        AuditEntry entry = single(seq, "rollout.fail");
        assertThat(entry.actor()).isEqualTo("system");
        // the job keeps its configuration; the failed instances keep trying the new one
        assertThat(job(key).currentConfigId()).isEqualTo(before.currentConfigId());
        assertThat(live(key).stream().filter(t -> t.configId() == failed.toConfigId()))
                .hasSize(2);
        // the job is free again
        jobs.scale(key, 5);
        assertThat(job(key).instanceCount()).isEqualTo(5);
    }

    @Test
    void failuresWithinTheLimitsLetTheRolloutFinish() {
        JobKey key = createJob(4);
        TaskConfig flaky = TaskConfig.of("./serve --flaky", SMALL);
        signInAs(DEV);
        // each instance may fail once, one instance may fail for good
        Rollout started = rollouts.start(key, flaky, null, settings(2).withFailureLimits(1, 1), null);
        settle(loop, cluster);
        failRunning(flaky); // first failure of instances 0 and 1: tolerated
        settle(loop, cluster);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        assertThat(rolloutRepository.instances(started.id()))
                .filteredOn(i -> i.instanceId() <= 1)
                .allSatisfy(i -> {
                    assertThat(i.failures()).isEqualTo(1);
                    assertThat(i.state()).isEqualTo(InstanceState.UPDATING);
                });
        // the replacements wait out their flapping penalty, then run
        driveToEnd(started);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(rollouts.details(started.id()).summary().progress().updated())
                .isEqualTo(4);
        assertThat(rollouts.details(started.id()).instanceEvents())
                .filteredOn(e -> e.message().contains("failure 1, at most 1 allowed"))
                .hasSize(2);
    }

    @Test
    void oneInstanceFailingForGoodWithinTheInstanceLimitStillFinishes() {
        JobKey key = createJob(3);
        TaskConfig broken = TaskConfig.of("./serve --crash", SMALL);
        signInAs(DEV);
        Rollout started = rollouts.start(key, broken, null, settings(1).withFailureLimits(0, 1), null);
        settle(loop, cluster);
        failRunning(broken); // instance 0 fails: 1 failed instance is allowed
        settle(loop, cluster);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        driveToEnd(started);
        Rollout done = rollout(started);
        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(rollouts.details(done.id()).summary().progress()).isEqualTo(new RolloutProgress(3, 0, 0, 2, 1, 0));
    }

    // canary, abort, manual rollback

    @Test
    void aCanaryMovesOnlyItsInstancesAndALaterRolloutTheRest() {
        JobKey key = createJob(6);
        Job before = job(key);
        signInAs(DEV);
        Rollout canary = rollouts.start(key, V2, null, settings(1).withOnlyInstances(Set.of(0, 1)), "canary");
        driveToEnd(canary);
        assertThat(rollout(canary).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        Map<Integer, Long> configs = live(key).stream().collect(Collectors.toMap(Task::instanceId, Task::configId));
        assertThat(configs)
                .containsEntry(0, canary.toConfigId())
                .containsEntry(1, canary.toConfigId())
                .containsEntry(2, before.currentConfigId())
                .containsEntry(5, before.currentConfigId());

        Rollout rest = rollouts.start(key, V2, null, settings(2), "the rest");
        assertThat(rollouts.details(rest.id()).batches()).containsExactly(List.of(2, 3), List.of(4, 5));
        driveToEnd(rest);
        assertThat(live(key)).allMatch(t -> t.configId() == canary.toConfigId());

        // nothing left to do
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(2), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task: the job is unchanged: every chosen instance already runs this configuration");
    }

    @Test
    void anAbortedRolloutStopsWhereItIsAndChangesNothingMore() {
        JobKey key = createJob(6);
        Job before = job(key);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(2), null);
        driveUntil(started, r -> stateCounts(r).getOrDefault(InstanceState.UPDATED, 0L) == 2);

        signInAs(LEAD);
        long seq = lastSeq();
        Rollout aborted = rollouts.abort(started.id(), "wrong build");
        assertThat(aborted.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(aborted.finishedAt()).isNotNull();
        AuditEntry entry = single(seq, "rollout.abort");
        assertThat(entry.actor()).isEqualTo(LEAD);
        assertThat(entry.reason()).isEqualTo("wrong build");
        assertThatThrownBy(() -> rollouts.abort(started.id(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("it has ended already");
        assertThatThrownBy(() -> rollouts.rollback(started.id(), null)).isInstanceOf(ConflictException.class);

        var frozen = rolloutRepository.instances(started.id());
        for (int i = 0; i < 3; i++) {
            clock.advance(WAIT);
            settle(loop, cluster);
        }
        assertThat(rolloutRepository.instances(started.id())).isEqualTo(frozen);
        assertThat(job(key).currentConfigId()).isEqualTo(before.currentConfigId());
        assertThat(live(key).stream().filter(t -> t.configId() == started.toConfigId()))
                .extracting(Task::instanceId)
                .containsExactly(0, 1, 2, 3);
        assertThat(rollouts.active(key)).isEmpty();
    }

    @Test
    void aManualRollbackRestoresTheOriginalConfigurationInReverseOrder() {
        JobKey key = createJob(4);
        Job before = job(key);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, 5, settings(1), null);
        driveUntil(started, r -> stateCounts(r).getOrDefault(InstanceState.UPDATED, 0L) == 3);
        assertThat(job(key).instanceCount()).isEqualTo(5); // instance 4 was added first

        signInAs(LEAD);
        long seq = lastSeq();
        Rollout back = rollouts.rollback(started.id(), "latency is up");
        assertThat(back.status()).isEqualTo(RolloutStatus.ROLLING_BACK);
        assertThat(single(seq, "rollout.rollback").reason()).isEqualTo("latency is up");
        assertThat(rollouts.details(started.id()).events().getLast())
                .extracting(RolloutEvent::actor, RolloutEvent::message)
                .containsExactly(LEAD, "latency is up");
        driveToEnd(started);

        Rollout done = rollout(started);
        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(job(key).instanceCount()).isEqualTo(4);
        assertThat(job(key).currentConfigId()).isEqualTo(before.currentConfigId());
        assertThat(live(key)).hasSize(4).allMatch(t -> t.configId() == before.currentConfigId());
        // rolled back last-first: 2 (in flight), then 1, 0, and the added 4 removed last
        List<Integer> order = rollouts.details(done.id()).instanceEvents().stream()
                .filter(e -> e.state() == InstanceState.ROLLING_BACK)
                .map(InstanceEvent::instanceId)
                .toList();
        assertThat(order).containsExactly(2, 1, 0, 4);
    }

    // one rollout per job; the job is locked while it runs

    @Test
    void oneActiveRolloutPerJobAndNoKillScaleOrRestartMeanwhile() {
        JobKey key = createJob(3);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(1), null);
        String naming = "rollout " + started.id();

        assertThatThrownBy(() -> rollouts.start(key, TaskConfig.of("./v3", SMALL), null, settings(1), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(
                        "already has an active rollout: " + naming + " (ROLLING_FORWARD, started by " + DEV + ")");
        for (Runnable refused : List.<Runnable>of(
                () -> jobs.killJob(key, null),
                () -> jobs.killInstances(key, List.of(0), null),
                () -> jobs.scale(key, 4),
                () -> jobs.restart(key, List.of(), 1))) {
            assertThatThrownBy(refused::run)
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("is being rolled out (" + naming + ", ROLLING_FORWARD, started by " + DEV)
                    .hasMessageContaining("until the rollout ends");
        }
        assertThat(rollouts.active(key)).map(s -> s.rollout().id()).contains(started.id());

        signInAs(LEAD);
        rollouts.pause(started.id(), null);
        signInAs(DEV);
        assertThatThrownBy(() -> jobs.scale(key, 4))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ROLL_FORWARD_PAUSED");

        driveToEnd(started);
        signInAs(LEAD);
        rollouts.resume(started.id(), null);
        driveToEnd(started);
        signInAs(DEV);
        jobs.scale(key, 4);
        assertThat(job(key).instanceCount()).isEqualTo(4);
    }

    @Test
    void aRolloutWaitsForARollingRestartAndOnlyServicesAreRolledOut() {
        JobKey key = createJob(2);
        signInAs(DEV);
        cluster.autoKill(false);
        jobs.restart(key, List.of(), 1);
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(1), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("rolling restart");
        cluster.autoKill(true);
        for (TaskRef kill : cluster.kills()) {
            cluster.report(kill.taskId(), ClusterTaskState.KILLED, "Killed", null);
        }
        settle(loop, cluster);

        JobKey adhoc = new JobKey(TEAM, "prod", "batch-" + NAMES.incrementAndGet());
        jobs.create(new JobSpec(adhoc, JobKind.ADHOC, V1.withMaxTaskFailures(1), 1));
        assertThatThrownBy(() -> rollouts.start(adhoc, V2, null, settings(1), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("kind: " + adhoc
                        + " is an ADHOC job: only SERVICE jobs are rolled out (kill it and create it again)");
    }

    // validation and quota

    @Test
    void badRequestsAreRefusedWithEveryProblemByField() {
        JobKey key = createJob(3);
        signInAs(DEV);
        TaskConfig bad = TaskConfig.of(" ", new Resources(0, 0, 0));
        assertThatThrownBy(() ->
                        rollouts.start(key, bad, 0, RolloutSettings.batches(0).withMinWaitSeconds(-1), null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .extracting(io.borealis.error.FieldProblem::field)
                        .contains(
                                "task.processes[0].command",
                                "task.resources.cpus",
                                "instances",
                                "settings.batchSizes[0]",
                                "settings.minWaitSeconds"));
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(1).withFailureLimits(0, 3), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "settings.maxFailedInstances: must be less than the 3 instances this rollout changes, or failures could never stop it");
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(1).withOnlyInstances(Set.of(7)), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instance 7 does not exist: the job has instances 0 to 2");
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(1).withPauseAfterBatches(5), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("settings.pauseAfterBatches: batch 5 does not exist: this rollout has 3 batches");
        assertThatThrownBy(() -> rollouts.start(key, V1, null, settings(1), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the job is unchanged");
        assertThat(rollouts.list(key)).isEmpty();
    }

    @Test
    void quotaIsCheckedWithTheLargerOfOldAndNewPerInstanceAndRefusedWithTheExactShortfall() {
        String tight = "tight" + NAMES.incrementAndGet();
        prepareTeam(
                teams,
                quotas,
                users,
                tight,
                Map.of(DEV, TeamLevel.DEVELOPER),
                new Quota(new Resources(10, 2_000, 10_000), null));
        JobKey key = new JobKey(tight, "prod", "web");
        signInAs(DEV);
        jobs.create(new JobSpec(key, JobKind.SERVICE, TaskConfig.of("./serve", new Resources(0.5, 256, 100)), 6));
        settle(loop, cluster);
        // 6 x 256 MB in use, 464 MB left; the new config needs 512 MB each: 6 x 256 MB more
        TaskConfig bigger = TaskConfig.of("./serve", new Resources(0.25, 512, 100));
        assertThatThrownBy(() -> rollouts.start(key, bigger, null, settings(2), null))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("ram: needs 1,536 MB, 464 MB left (1,072 MB short)")
                .hasMessageNotContaining("cpus:");
        assertThat(rollouts.list(key)).isEmpty();
        assertThat(rollouts.plan(key, bigger, null, settings(2)).quotaShortfalls())
                .extracting(Object::toString)
                .containsExactly("ram: needs 1,536 MB, 464 MB left (1,072 MB short)");
        // a canary of one instance fits
        Rollout canary = rollouts.start(key, bigger, null, settings(1).withOnlyInstances(Set.of(0)), null);
        assertThat(canary.status()).isEqualTo(RolloutStatus.ROLLING_FORWARD);
    }

    @Test
    void aPlanShowsWhatWouldHappenAndChangesNothing() {
        JobKey key = createJob(3);
        signInAs(DEV);
        RolloutPlan plan = rollouts.plan(key, V2, 4, settings(2));
        assertThat(plan.add()).containsExactly(3);
        assertThat(plan.change()).containsExactly(0, 1, 2);
        assertThat(plan.remove()).isEmpty();
        assertThat(plan.batches()).containsExactly(List.of(3, 0), List.of(1, 2));
        assertThat(plan.newInstanceCount()).isEqualTo(4);
        assertThat(plan.changes())
                .extracting(io.borealis.scheduler.JobPlan.FieldChange::field)
                .contains("instances", "task.processes[0].command");
        assertThat(plan.quotaShortfalls()).isEmpty();
        assertThat(rollouts.plan(key, V1, null, settings(2)).unchanged()).isTrue();
        assertThat(rollouts.list(key)).isEmpty();
        signInAs(VIEWER);
        assertThatThrownBy(() -> rollouts.plan(key, V2, null, settings(2)))
                .isInstanceOf(PermissionDeniedException.class);
    }

    // access and audit

    @Test
    void whoMayDoWhatWithRollouts() {
        JobKey key = createJob(2);
        signInAs(VIEWER);
        long seq = lastSeq();
        assertThatThrownBy(() -> rollouts.start(key, V2, null, settings(1), null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(single(seq, "rollout.start").outcome()).isEqualTo(AuditOutcome.DENIED);

        signInAs(DEV);
        seq = lastSeq();
        Rollout started = rollouts.start(key, V2, null, settings(1), "v2 please");
        AuditEntry start = single(seq, "rollout.start");
        assertThat(start.actor()).isEqualTo(DEV);
        assertThat(start.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(start.reason()).isEqualTo("v2 please");
        assertThat(start.message()).startsWith("Rollout " + started.id() + ": instances: change 0-1; 2 batches");
        assertThat(start.changes()).contains("task.processes[0].command");
        for (Runnable control : List.<Runnable>of(
                () -> rollouts.pause(started.id(), null),
                () -> rollouts.abort(started.id(), null),
                () -> rollouts.rollback(started.id(), null))) {
            seq = lastSeq();
            assertThatThrownBy(control::run)
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("pause, resume, abort and roll back rollouts");
            assertThat(entriesAfter(seq))
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED));
        }

        // everybody in the team reads rollouts; outsiders do not
        signInAs(VIEWER);
        assertThat(rollouts.list(key)).extracting(s -> s.rollout().id()).containsExactly(started.id());
        assertThat(rollouts.details(started.id()).rollout().message()).isEqualTo("v2 please");
        signInAs("stranger" + NAMES.incrementAndGet());
        assertThatThrownBy(() -> rollouts.details(started.id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(rollouts.listAll(RolloutFilter.all())).isEmpty();
    }

    @Test
    void theHistoryIsSearchableByTeamJobUserStatusAndTime() {
        JobKey first = createJob(1);
        JobKey second = createJob(1);
        signInAs(DEV);
        Rollout a = rollouts.start(first, V2, null, settings(1), null);
        driveToEnd(a);
        clock.advance(Duration.ofHours(1));
        var later = clock.instant();
        signInAs(LEAD);
        Rollout b = rollouts.start(second, V2, null, settings(1), null);

        RolloutFilter mine = RolloutFilter.all().withTeam(TEAM);
        assertThat(ids(rollouts.listAll(mine.withJob(first)))).containsExactly(a.id());
        assertThat(ids(rollouts.listAll(mine.withStartedBy(LEAD)))).containsExactly(b.id());
        assertThat(ids(rollouts.listAll(mine.withStatuses(Set.of(RolloutStatus.ROLLED_FORWARD)))))
                .contains(a.id())
                .doesNotContain(b.id());
        assertThat(ids(rollouts.listAll(mine.startedBetween(later, null)))).containsExactly(b.id());
        assertThat(ids(rollouts.listAll(mine.withJob(second).page(0, 1)))).containsExactly(b.id());
        RolloutSummary active = rollouts.active(second).orElseThrow();
        assertThat(active.progress().total()).isEqualTo(1);
        assertThat(active.latestMessage()).startsWith("Rollout " + b.id() + ": instances: change 0");
    }

    @Test
    void finishedRolloutsArePrunedAfterTheRetentionPeriod() {
        JobKey key = createJob(1);
        signInAs(DEV);
        Rollout old = rollouts.start(key, V2, null, settings(1), null);
        driveToEnd(old);
        Rollout active = rollouts.start(key, V1, null, settings(1), null);

        clock.advance(Duration.ofDays(401));
        assertThat(retention.prune()).isGreaterThanOrEqualTo(1);
        assertThat(rolloutRepository.find(old.id())).isEmpty();
        assertThat(rolloutRepository.events(old.id())).isEmpty();
        assertThat(rolloutRepository.instances(old.id())).isEmpty();
        assertThat(rolloutRepository.find(active.id())).isPresent();
    }

    @Test
    void aRolloutThatCannotBeReadAnyMoreStopsInErrorAndFreesItsJob() {
        JobKey key = createJob(2);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(1), null);
        String settingsJson = jdbc.sql("select settings from rollout where id = :id")
                .param("id", started.id())
                .query(String.class)
                .single();
        jdbc.sql("update rollout set settings = '{broken' where id = :id")
                .param("id", started.id())
                .update();
        long seq = lastSeq();

        loop.round();

        assertThat(rolloutRepository.statusOf(started.id())).isEqualTo(RolloutStatus.ERROR);
        assertThat(rolloutRepository.events(started.id()).getLast())
                .satisfies(e -> assertThat(e.actor()).isEqualTo("system"))
                .satisfies(e -> assertThat(e.message()).startsWith("Internal error, the rollout stops here: "));
        assertThat(single(seq, "rollout.error").actor()).isEqualTo("system");
        jobs.scale(key, 3); // the job is free again
        jdbc.sql("update rollout set settings = :settings where id = :id")
                .param("settings", settingsJson)
                .param("id", started.id())
                .update();
        assertThat(rollouts.details(started.id()).rollout().finishedAt()).isNotNull();
    }

    // durability

    @Test
    void aCoordinatorRebuiltFromTheDatabaseCarriesOnWithoutUpdatingAnInstanceTwiceOrSkippingOne() {
        JobKey key = createJob(6);
        Map<Integer, String> oldTasks = liveTaskIds(key);
        cluster.autoKill(false); // kills stay unanswered: instances are caught mid-move
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(3), null);
        settle(loop, cluster);
        assertThat(live(key).stream().filter(t -> t.state() == TaskState.RESTARTING))
                .hasSize(3);

        // a new coordinator knows only what the database knows; it runs many rounds meanwhile
        RolloutCoordinator rebuilt = new RolloutCoordinator(
                rolloutRepository, jobRepository, tasks, lifecycle, transactions, audit, publisher, clock);
        for (int i = 0; i < 5; i++) {
            rebuilt.advance();
        }
        assertThat(live(key)).hasSize(6);
        assertThat(cluster.kills().stream()
                        .filter(k -> oldTasks.containsValue(k.taskId()))
                        .collect(Collectors.groupingBy(TaskRef::taskId, Collectors.counting())))
                .hasSize(3)
                .allSatisfy((task, kills) -> assertThat(kills).isEqualTo(1L));

        // the kills complete: each replacement runs the new configuration, chosen before the "restart"
        cluster.autoKill(true);
        for (String taskId : List.copyOf(oldTasks.values())) {
            if (cluster.kills().stream().anyMatch(k -> k.taskId().equals(taskId))) {
                cluster.report(taskId, ClusterTaskState.KILLED, "Killed", null);
            }
        }
        cluster.flush();
        for (int i = 0; i < 40 && rollout(started).status().isActive(); i++) {
            rebuilt.advance();
            settle(loop, cluster);
            clock.advance(WAIT);
        }
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertUpdatedExactlyOnce(key, rollout(started), oldTasks);
        RolloutDetails details = rollouts.details(started.id());
        for (int instance = 0; instance < 6; instance++) {
            assertThat(eventsOf(details, instance))
                    .as("instance " + instance)
                    .containsExactly(InstanceState.UPDATING, InstanceState.WAITING_HEALTHY, InstanceState.UPDATED);
        }
    }

    @Test
    void repeatedRoundsNeverCreateASecondReplacement() {
        JobKey key = createJob(2);
        cluster.autoStart(false);
        signInAs(DEV);
        Rollout started = rollouts.start(key, V2, null, settings(2), null);
        for (int i = 0; i < 5; i++) {
            loop.round();
            cluster.flush();
        }
        // the new tasks are placed but never start; rounds keep coming
        for (int instance = 0; instance < 2; instance++) {
            assertThat(tasks.instanceHistory(job(key).id(), instance))
                    .filteredOn(t -> t.configId() == started.toConfigId())
                    .hasSize(1);
        }
        cluster.autoStart(true);
        for (Task task : live(key)) {
            cluster.report(task.taskId(), ClusterTaskState.RUNNING, "Running", null);
        }
        driveToEnd(started);
        assertThat(rollout(started).status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
    }

    // helpers

    private static RolloutSettings settings(int batch) {
        return RolloutSettings.batches(batch).withMinWaitSeconds((int) WAIT.toSeconds());
    }

    private JobKey createJob(int instances) {
        JobKey key = new JobKey(TEAM, "prod", "web-" + NAMES.incrementAndGet());
        signInAs(DEV);
        jobs.create(new JobSpec(key, JobKind.SERVICE, V1, instances));
        settle(loop, cluster);
        assertThat(live(key)).hasSize(instances).allMatch(t -> t.state() == TaskState.RUNNING);
        return key;
    }

    /** Runs rounds, delivering updates and moving the clock by the minimum wait, until the rollout stops moving. */
    private void driveToEnd(Rollout rollout) {
        driveUntil(rollout, r -> !RolloutStatus.MOVING.contains(r.status()));
    }

    private void driveUntil(Rollout rollout, java.util.function.Predicate<Rollout> done) {
        for (int i = 0; i < 60; i++) {
            settle(loop, cluster);
            if (done.test(rollout(rollout))) {
                return;
            }
            clock.advance(WAIT);
        }
        throw new AssertionError(
                "rollout did not get there: " + rollout(rollout) + " " + rolloutRepository.instances(rollout.id()));
    }

    private Rollout rollout(Rollout rollout) {
        return rolloutRepository.find(rollout.id()).orElseThrow();
    }

    private Job job(JobKey key) {
        return jobRepository.find(key).orElseThrow();
    }

    private List<Task> live(JobKey key) {
        return tasks.activeTasks(job(key).id());
    }

    private Map<Integer, String> liveTaskIds(JobKey key) {
        return live(key).stream().collect(Collectors.toMap(Task::instanceId, Task::taskId));
    }

    private int inFlight(Rollout rollout) {
        return (int) rolloutRepository.instances(rollout.id()).stream()
                .filter(i -> i.state().phase(false) == InstanceState.Phase.IN_FLIGHT)
                .count();
    }

    private Map<InstanceState, Long> stateCounts(Rollout rollout) {
        return rolloutRepository.instances(rollout.id()).stream()
                .collect(Collectors.groupingBy(RolloutInstance::state, Collectors.counting()));
    }

    private static List<InstanceState> eventsOf(RolloutDetails details, int instance) {
        return details.instanceEvents().stream()
                .filter(e -> e.instanceId() == instance)
                .map(InstanceEvent::state)
                .toList();
    }

    private static List<Long> ids(List<RolloutSummary> summaries) {
        return summaries.stream().map(s -> s.rollout().id()).toList();
    }

    /** Reports every running task of {@code config} failed (its command exited 1) and delivers it. */
    private void failRunning(TaskConfig config) {
        for (SimulatedCluster.RunningTask task : cluster.running()) {
            if (task.launch().config().equals(config)) {
                cluster.report(task.launch().taskId(), ClusterTaskState.FAILED, "Command exited with status 1", null);
            }
        }
        cluster.flush();
    }

    /**
     * Each instance got exactly one task on the new configuration (never updated twice, none
     * skipped), and each old task was killed exactly once.
     */
    private void assertUpdatedExactlyOnce(JobKey key, Rollout rollout, Map<Integer, String> oldTasks) {
        Job job = job(key);
        for (var old : oldTasks.entrySet()) {
            List<Task> history = tasks.instanceHistory(job.id(), old.getKey());
            assertThat(history)
                    .as("instance " + old.getKey())
                    .filteredOn(t -> t.configId() == rollout.toConfigId())
                    .hasSize(1);
            assertThat(tasks.find(old.getValue()).orElseThrow().state()).isEqualTo(TaskState.KILLED);
            assertThat(cluster.kills())
                    .filteredOn(k -> k.taskId().equals(old.getValue()))
                    .hasSize(1);
        }
    }

    private long lastSeq() {
        return auditEntries.search(AuditFilter.ALL, null, 1).stream()
                .mapToLong(AuditEntry::seq)
                .max()
                .orElse(0);
    }

    /** The one audit entry of {@code action} after {@code seq}. */
    private AuditEntry single(long seq, String action) {
        List<AuditEntry> entries = entriesAfter(seq).stream()
                .filter(e -> e.action().equals(action))
                .toList();
        assertThat(entries).as("audit entries " + action).hasSize(1);
        return entries.getFirst();
    }

    private List<AuditEntry> entriesAfter(long seq) {
        return auditEntries.search(AuditFilter.ALL, null, 500).stream()
                .filter(e -> e.seq() > seq)
                .sorted(java.util.Comparator.comparingLong(AuditEntry::seq))
                .toList();
    }
}
