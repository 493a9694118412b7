package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.BackendTestApplication;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobRepository;
import io.borealis.job.JobSpec;
import io.borealis.job.JobStatus;
import io.borealis.job.Resources;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import io.borealis.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Jobs from creation to death against a real database and the simulated cluster. */
@SpringBootTest(classes = BackendTestApplication.class)
class JobLifecycleIT extends BackendTestApplication.SchedulerTest {

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
    JdbcClient jdbc;

    @Autowired
    ClusterBootstrap bootstrap;

    @Autowired
    io.borealis.auth.team.TeamService teams;

    @Autowired
    io.borealis.quota.QuotaService quotas;

    @Autowired
    io.borealis.auth.user.UserAccountService users;

    @BeforeEach
    void signIn() {
        prepareTeam(
                teams,
                quotas,
                users,
                "team-a",
                Map.of(
                        "dana", io.borealis.auth.team.TeamLevel.DEVELOPER,
                        "racer", io.borealis.auth.team.TeamLevel.DEVELOPER,
                        "cleaner", io.borealis.auth.team.TeamLevel.DEVELOPER),
                LARGE_QUOTA);
        signInAs("dana");
        cluster.autoStart(true);
        cluster.autoKill(true);
        settle(loop, cluster);
    }

    /** Every test leaves the cluster empty for the next: its jobs are killed. */
    @AfterEach
    void cleanUp() {
        signInAs("cleaner");
        cluster.autoStart(true);
        cluster.autoKill(true);
        for (var summary : jobs.listJobs()) {
            jobs.killJob(summary.key(), "test over");
        }
        settle(loop, cluster);
        signOut();
    }

    @Test
    void aCreatedServiceRunsEveryInstanceOnTheCluster() {
        JobKey key = uniqueKey("web");

        Job job = jobs.create(service(key, 3));
        assertThat(states(active(job))).containsExactly(Map.entry(TaskState.PENDING, 3L));

        settle(loop, cluster);

        List<Task> running = active(job);
        assertThat(states(running)).containsExactly(Map.entry(TaskState.RUNNING, 3L));
        assertThat(running).extracting(Task::instanceId).containsExactly(0, 1, 2);
        assertThat(running).extracting(Task::agentId).doesNotContainNull();
        assertThat(tasks.events(running.getFirst().taskId()))
                .extracting(TaskEvent::state)
                .containsExactly(TaskState.PENDING, TaskState.ASSIGNED, TaskState.STARTING, TaskState.RUNNING);
        assertThat(tasks.events(running.getFirst().taskId()).getFirst().message())
                .isEqualTo("Created by dana");
    }

    @Test
    void aDuplicateKeyIsRefusedAndChangesNothing() {
        JobKey key = uniqueKey("dup");
        jobs.create(service(key, 1));

        assertThatThrownBy(() -> jobs.create(service(key, 5)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already exists");
        assertThat(jobRepository.find(key).orElseThrow().instanceCount()).isEqualTo(1);
        assertThat(active(jobRepository.find(key).orElseThrow())).hasSize(1);
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryProblemAndStoresNothing() {
        JobKey key = uniqueKey("bad");
        JobSpec bad = new JobSpec(key, null, io.borealis.job.TaskConfig.of(" ", new Resources(-1, 0, 0)), 0);

        assertThatThrownBy(() -> jobs.create(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("kind: is required")
                .hasMessageContaining("instances: must be between 1 and 10000")
                .hasMessageContaining("task.resources.cpus: must be between 0.01 and 64 cores")
                .hasMessageContaining("task.processes[0].command: is required");
        assertThat(jobRepository.find(key)).isEmpty();
    }

    @Test
    void commandsNeedSomebodySignedIn() {
        signOut();
        assertThatThrownBy(() -> jobs.create(service(uniqueKey("anon"), 1)))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void unknownJobsAndInstancesAreRefusedClearly() {
        JobKey key = uniqueKey("known");
        jobs.create(service(key, 2));

        assertThatThrownBy(() -> jobs.scale(uniqueKey("nope"), 2))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("There is no job team-a/prod/nope");
        assertThatThrownBy(() -> jobs.killInstances(key, List.of(2), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instance 2 does not exist: " + key + " has instances 0 to 1");
        assertThatThrownBy(() -> jobs.scale(key, 0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void scalingUpAddsInstancesAndScalingDownKillsTheHighestOnes() {
        JobKey key = uniqueKey("scale");
        Job job = jobs.create(service(key, 2));
        settle(loop, cluster);

        jobs.scale(key, 5);
        settle(loop, cluster);
        assertThat(active(job)).extracting(Task::instanceId).containsExactly(0, 1, 2, 3, 4);
        assertThat(states(active(job))).containsExactly(Map.entry(TaskState.RUNNING, 5L));

        jobs.scale(key, 3);
        settle(loop, cluster);
        assertThat(active(job)).extracting(Task::instanceId).containsExactly(0, 1, 2);
        assertThat(jobRepository.find(key).orElseThrow().instanceCount()).isEqualTo(3);
        assertThat(tasks.instanceHistory(job.id(), 4).getLast().state()).isEqualTo(TaskState.KILLED);
    }

    @Test
    void killingAServiceInstanceReplacesItWithAFreshTask() {
        JobKey key = uniqueKey("replace");
        Job job = jobs.create(service(key, 3));
        settle(loop, cluster);
        Task before = active(job).get(1);

        jobs.killInstances(key, List.of(1), "stuck");
        settle(loop, cluster);

        Task after = active(job).get(1);
        assertThat(after.taskId()).isNotEqualTo(before.taskId());
        assertThat(after.state()).isEqualTo(TaskState.RUNNING);
        assertThat(after.ancestorId()).isEqualTo(before.taskId());
        assertThat(tasks.find(before.taskId()).orElseThrow().state()).isEqualTo(TaskState.KILLED);
        assertThat(cluster.kills()).extracting(k -> k.taskId()).contains(before.taskId());
        assertThat(tasks.events(before.taskId()))
                .extracting(TaskEvent::message)
                .contains("Killed by dana: stuck; it will be replaced");
    }

    @Test
    void killingTheJobStopsEverythingForGoodAndFreesTheKey() {
        JobKey key = uniqueKey("doomed");
        Job job = jobs.create(service(key, 2));
        settle(loop, cluster);

        jobs.killJob(key, "done");
        settle(loop, cluster);

        assertThat(active(job)).isEmpty();
        assertThat(jobRepository.find(key).orElseThrow().status()).isEqualTo(JobStatus.KILLED);
        assertThat(jobs.listJobs()).noneMatch(s -> s.key().equals(key));
        assertThatThrownBy(() -> jobs.scale(key, 3))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was killed");

        Job again = jobs.create(service(key, 1));
        assertThat(again.id()).isEqualTo(job.id());
        settle(loop, cluster);
        assertThat(states(active(again))).containsExactly(Map.entry(TaskState.RUNNING, 1L));
    }

    @Test
    void aServiceTaskThatEndsIsReplacedAndAFlappingOneIsThrottled() {
        JobKey key = uniqueKey("flappy");
        Job job = jobs.create(service(key, 1));
        settle(loop, cluster);
        Task first = active(job).getFirst();

        // it ends a few seconds after starting: flapping
        clock.advance(Duration.ofSeconds(3));
        cluster.report(first.taskId(), ClusterTaskState.FAILED, "Command exited with status 1", null);
        cluster.flush();

        Task second = active(job).getFirst();
        assertThat(second.state()).isEqualTo(TaskState.THROTTLED);
        assertThat(second.failureCount()).isEqualTo(1);
        assertThat(second.throttledUntil()).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));
        settle(loop, cluster);
        assertThat(active(job).getFirst().state()).isEqualTo(TaskState.THROTTLED);

        clock.advance(Duration.ofSeconds(31));
        settle(loop, cluster);
        assertThat(active(job).getFirst().state()).isEqualTo(TaskState.RUNNING);

        // a long run that ends is not flapping: replaced at once
        clock.advance(Duration.ofMinutes(10));
        cluster.report(active(job).getFirst().taskId(), ClusterTaskState.FINISHED, "exited 0", null);
        cluster.flush();
        assertThat(active(job).getFirst().state()).isEqualTo(TaskState.PENDING);
    }

    @Test
    void anAdhocJobRetriesUpToItsMaxFailuresThenStops() {
        JobKey key = uniqueKey("batch");
        Job job = jobs.create(adhoc(key, 1, 2));
        settle(loop, cluster);

        clock.advance(Duration.ofMinutes(10));
        cluster.report(active(job).getFirst().taskId(), ClusterTaskState.FAILED, "exit 3", null);
        cluster.flush();
        settle(loop, cluster);
        Task retry = active(job).getFirst();
        assertThat(retry.failureCount()).isEqualTo(1);
        assertThat(retry.state()).isEqualTo(TaskState.RUNNING);

        clock.advance(Duration.ofMinutes(10));
        cluster.report(retry.taskId(), ClusterTaskState.FAILED, "exit 3", null);
        cluster.flush();
        settle(loop, cluster);

        assertThat(active(job)).isEmpty();
        assertThat(tasks.instanceHistory(job.id(), 0))
                .extracting(Task::state)
                .containsExactly(TaskState.FAILED, TaskState.FAILED);
        assertThat(jobs.listJobs())
                .filteredOn(s -> s.key().equals(key))
                .singleElement()
                .satisfies(s -> assertThat(s.failed()).isEqualTo(1));
    }

    @Test
    void anAdhocTaskThatFinishesIsDone() {
        JobKey key = uniqueKey("once");
        Job job = jobs.create(adhoc(key, 2, 1));
        settle(loop, cluster);

        for (Task task : active(job)) {
            cluster.report(task.taskId(), ClusterTaskState.FINISHED, "exit 0", null);
        }
        cluster.flush();

        assertThat(active(job)).isEmpty();
        assertThat(jobs.listJobs())
                .filteredOn(s -> s.key().equals(key))
                .singleElement()
                .satisfies(s -> assertThat(s.finished()).isEqualTo(2));
    }

    @Test
    void aTaskStuckInATransientStateIsDeclaredLostAndReplaced() {
        cluster.autoStart(false);
        JobKey key = uniqueKey("stuck");
        Job job = jobs.create(service(key, 1));
        settle(loop, cluster);
        Task assigned = active(job).getFirst();
        assertThat(assigned.state()).isEqualTo(TaskState.ASSIGNED);

        clock.advance(Duration.ofMinutes(6));
        settle(loop, cluster);

        assertThat(tasks.find(assigned.taskId()).orElseThrow().state()).isEqualTo(TaskState.LOST);
        assertThat(tasks.events(assigned.taskId()).getLast().message()).contains("Stuck in ASSIGNED");
        assertThat(cluster.kills()).extracting(k -> k.taskId()).contains(assigned.taskId());
        assertThat(active(job).getFirst().ancestorId()).isEqualTo(assigned.taskId());
    }

    @Test
    void aTaskPartitionedForLongerThanThePartitionTimeoutIsDeclaredLostAndReplaced() {
        JobKey key = uniqueKey("partitioned");
        Job job = jobs.create(service(key, 1));
        settle(loop, cluster);
        Task running = active(job).getFirst();
        assertThat(running.state()).isEqualTo(TaskState.RUNNING);

        cluster.report(running.taskId(), ClusterTaskState.UNREACHABLE, "Agent is unreachable", null);
        settle(loop, cluster);
        assertThat(tasks.find(running.taskId()).orElseThrow().state()).isEqualTo(TaskState.PARTITIONED);

        clock.advance(Duration.ofSeconds(59));
        settle(loop, cluster);
        assertThat(tasks.find(running.taskId()).orElseThrow().state())
                .as("still within the default partition timeout of 1m")
                .isEqualTo(TaskState.PARTITIONED);
        assertThat(active(job)).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        settle(loop, cluster);

        assertThat(tasks.find(running.taskId()).orElseThrow().state()).isEqualTo(TaskState.LOST);
        assertThat(tasks.events(running.taskId()).getLast().message())
                .isEqualTo("Its agent was unreachable for longer than 60s; declared lost");
        assertThat(cluster.kills()).extracting(k -> k.taskId()).contains(running.taskId());
        Task replacement = active(job).getFirst();
        assertThat(replacement.ancestorId()).isEqualTo(running.taskId());
        assertThat(replacement.state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void whatCannotBePlacedWaitsWithAReason() {
        JobKey key = uniqueKey("huge");
        Job job = jobs.create(new JobSpec(
                key,
                io.borealis.job.JobKind.SERVICE,
                io.borealis.job.TaskConfig.of("./big", new Resources(16, 256, 10)),
                1));

        settle(loop, cluster);

        Task pending = active(job).getFirst();
        assertThat(pending.state()).isEqualTo(TaskState.PENDING);
        assertThat(pending.pendingReason()).startsWith("No agent fits:").contains("insufficient cpus (needs 16");
    }

    @Test
    void concurrentCommandsOnOneJobLeaveItConsistent() throws Exception {
        JobKey key = uniqueKey("race");
        Job job = jobs.create(service(key, 2));
        settle(loop, cluster);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> commands = List.of(
                    asUser(() -> jobs.scale(key, 6)),
                    asUser(() -> jobs.scale(key, 4)),
                    asUser(() -> {
                        jobs.killInstances(key, List.of(0, 1), "race");
                        return null;
                    }),
                    asUser(() -> jobs.scale(key, 5)),
                    asUser(() -> {
                        loop.round();
                        return null;
                    }));
            for (Future<Object> result : pool.invokeAll(commands)) {
                try {
                    result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // a command may lose to another; it must then have changed nothing
                    assertThat(e.getCause()).isInstanceOfAny(ConflictException.class, InvalidInputException.class);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        settle(loop, cluster);

        Job after = jobRepository.find(key).orElseThrow();
        List<Task> active = active(after);
        assertThat(active)
                .extracting(Task::instanceId)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, after.instanceCount())
                        .boxed()
                        .toList());
        assertThat(states(active)).containsOnlyKeys(TaskState.RUNNING);
    }

    @Test
    void aRollingRestartGoesOneBatchAtATime() {
        JobKey key = uniqueKey("restart");
        Job job = jobs.create(service(key, 4));
        settle(loop, cluster);
        List<String> before = active(job).stream().map(Task::taskId).toList();
        cluster.autoStart(false);

        jobs.restart(key, List.of(), 2);
        cluster.flush();
        assertThat(jobs.job(key).restart()).isPresent();
        // the first batch is being replaced; the second still runs its old tasks
        loop.round();
        cluster.flush();
        for (Task t : tasks.allTasks(job.id())) {
            System.out.println("DEBUG " + t.instanceId() + " " + t.taskId() + " " + t.state() + " "
                    + tasks.events(t.taskId()).stream()
                            .map(e -> e.state() + ":" + e.message())
                            .toList());
        }
        assertThat(active(job).stream()
                        .filter(t -> before.contains(t.taskId()))
                        .map(Task::instanceId)
                        .toList())
                .containsExactly(2, 3);
        assertThatThrownBy(() -> jobs.restart(key, List.of(), 1)).isInstanceOf(ConflictException.class);

        cluster.autoStart(true);
        for (Task task : active(job)) {
            if (task.state() == TaskState.ASSIGNED) {
                cluster.report(task.taskId(), ClusterTaskState.RUNNING, "Running", null);
            }
        }
        settle(loop, cluster);

        assertThat(active(job))
                .hasSize(4)
                .allMatch(t -> t.state() == TaskState.RUNNING)
                .noneMatch(t -> before.contains(t.taskId()));
        assertThat(jobs.job(key).restart()).isEmpty();
    }

    @Test
    void thePlanShowsChangesAndPlacementsWithoutDoingAnything() {
        JobKey key = uniqueKey("planned");
        JobPlan fresh = jobs.plan(service(key, 2));
        assertThat(fresh.existingJob()).isFalse();
        assertThat(fresh.placements()).hasSize(2).allMatch(JobPlan.PlannedInstance::placed);
        assertThat(fresh.changes()).extracting(JobPlan.FieldChange::field).contains("task.resources.cpus", "instances");
        assertThat(jobRepository.find(key)).isEmpty();

        jobs.create(service(key, 2));
        JobPlan bigger =
                jobs.plan(service(key, 4).withTask(service(key, 4).task().withResources(new Resources(1, 256, 100))));
        assertThat(bigger.existingJob()).isTrue();
        assertThat(bigger.instancesBefore()).isEqualTo(2);
        assertThat(bigger.placements())
                .extracting(JobPlan.PlannedInstance::instanceId)
                .containsExactly(2, 3);
        assertThat(bigger.changes())
                .containsExactlyInAnyOrder(
                        new JobPlan.FieldChange("instances", "2", "4"),
                        new JobPlan.FieldChange("task.resources.cpus", "0.5", "1.0"));
    }

    @Test
    void statusUpdatesAreAcknowledgedOnlyAfterTheyAreStored() {
        cluster.reliableUpdates(true);
        try {
            JobKey key = uniqueKey("acked");
            Job job = jobs.create(service(key, 1));
            settle(loop, cluster);
            Task task = active(job).getFirst();

            assertThat(cluster.acknowledged())
                    .filteredOn(u -> u.taskId().equals(task.taskId()))
                    .extracting(u -> u.state())
                    .containsExactly(ClusterTaskState.STARTING, ClusterTaskState.RUNNING);
        } finally {
            cluster.reliableUpdates(false);
        }
    }

    @Test
    void aTaskTheClusterRunsButBorealisDoesNotKnowIsKilled() {
        JobKey key = uniqueKey("stray");
        Job job = jobs.create(service(key, 1));
        settle(loop, cluster);
        Task known = active(job).getFirst();
        var stray = new io.borealis.cluster.TaskLaunch(
                "stray-task-1", key, 0, jobRepository.config(known.configId()), Map.of());
        cluster.runStray(stray, "agent-0");

        cluster.report("stray-task-1", ClusterTaskState.RUNNING, "Running", null);
        cluster.flush();

        assertThat(cluster.kills()).extracting(k -> k.taskId()).contains("stray-task-1");
        assertThat(cluster.tasks().get("stray-task-1").state()).isEqualTo(ClusterTaskState.KILLED);
    }

    @Test
    void lateAndRepeatedUpdatesChangeNothing() {
        JobKey key = uniqueKey("late");
        Job job = jobs.create(service(key, 1));
        settle(loop, cluster);
        Task running = active(job).getFirst();
        int events = tasks.events(running.taskId()).size();

        cluster.report(running.taskId(), ClusterTaskState.STARTING, "late", null);
        cluster.report(running.taskId(), ClusterTaskState.RUNNING, "again", null);
        cluster.flush();

        assertThat(tasks.find(running.taskId()).orElseThrow().state()).isEqualTo(TaskState.RUNNING);
        assertThat(tasks.events(running.taskId())).hasSize(events);
    }

    @Test
    void aBorealisRestartAdoptsWhatRunsAndReplacesWhatVanishedWithoutDuplicates() {
        JobKey key = uniqueKey("survivor");
        Job job = jobs.create(service(key, 3));
        settle(loop, cluster);
        List<Task> before = active(job);
        // while Borealis was down (after the tasks had run a while), one task vanished from the cluster
        clock.advance(Duration.ofMinutes(30));
        bootstrap.stop();
        cluster.vanish(before.get(1).taskId());

        bootstrap.start();
        cluster.flush();
        settle(loop, cluster);

        List<Task> after = active(job);
        assertThat(after).extracting(Task::instanceId).containsExactly(0, 1, 2);
        assertThat(after.get(0).taskId()).isEqualTo(before.get(0).taskId());
        assertThat(after.get(2).taskId()).isEqualTo(before.get(2).taskId());
        assertThat(after.get(1).ancestorId()).isEqualTo(before.get(1).taskId());
        assertThat(tasks.find(before.get(1).taskId()).orElseThrow().state()).isEqualTo(TaskState.LOST);
        assertThat(cluster.running())
                .filteredOn(t -> t.launch().job().equals(key))
                .hasSize(3);
        assertThat(cluster.reconciliations().getLast())
                .extracting(r -> r.taskId())
                .containsAll(before.stream().map(Task::taskId).toList());
    }

    private List<Task> active(Job job) {
        return tasks.activeTasks(job.id());
    }

    private static Callable<Object> asUser(Callable<Object> work) {
        return () -> {
            signInAs("racer");
            try {
                return work.call();
            } finally {
                signOut();
            }
        };
    }
}
