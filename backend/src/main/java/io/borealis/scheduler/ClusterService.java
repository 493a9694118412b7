package io.borealis.scheduler;

import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.TaskRef;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import java.util.List;
import org.springframework.stereotype.Service;

/** The cluster as the portal and the API see it: agents, connection health, task logs. */
@Service
public class ClusterService {

    /** The most a single log read returns. */
    public static final int MAX_LOG_READ = 1024 * 1024;

    private final ClusterDriver driver;
    private final TaskRepository tasks;
    private final TeamAccess access;

    public ClusterService(ClusterDriver driver, TaskRepository tasks, TeamAccess access) {
        this.driver = driver;
        this.tasks = tasks;
        this.access = access;
    }

    public List<AgentView> agents() {
        CurrentUser.requireUsername();
        return driver.agents();
    }

    public ClusterHealth health() {
        CurrentUser.requireUsername();
        return driver.health();
    }

    /**
     * Reads part of a task's stdout or stderr: from {@code offset}, or the last {@code -offset}
     * bytes when it is negative; at most {@code maxBytes} (up to {@value #MAX_LOG_READ}).
     */
    public LogChunk readLog(String taskId, LogStream stream, long offset, int maxBytes) {
        CurrentUser.requireUsername();
        if (maxBytes < 1 || maxBytes > MAX_LOG_READ) {
            throw new InvalidInputException("length", "must be between 1 and " + MAX_LOG_READ + " bytes");
        }
        Task task = tasks.find(taskId).orElseThrow(() -> new NotFoundException("There is no task " + taskId + "."));
        access.require(Action.READ_JOBS, task.job().team());
        if (task.agentId() == null) {
            return LogChunk.empty(0); // never launched: no output yet
        }
        return driver.readLog(new TaskRef(task.taskId(), task.agentId()), stream, offset, maxBytes);
    }
}
