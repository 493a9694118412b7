package io.borealis.cluster.mesos.v1;

import io.borealis.cluster.mesos.v1.Mesos.Attribute;
import io.borealis.cluster.mesos.v1.Mesos.Id;
import io.borealis.cluster.mesos.v1.Mesos.Resource;
import java.util.List;

/**
 * {@code mesos.v1.master.Call} (the operator API at {@code POST /api/v1}) for the read-only calls the
 * cluster page needs, and the matching {@link Response}.
 */
public record MasterCall(Type type) {

    /** {@code master.Call.Type}: the calls Borealis makes. */
    public enum Type {
        GET_HEALTH,
        GET_VERSION,
        GET_AGENTS,
        GET_TASKS
    }

    public static MasterCall of(Type type) {
        return new MasterCall(type);
    }

    /** {@code master.Response}: one sub-object per call type. */
    public record Response(
            String type, GetHealth getHealth, GetVersion getVersion, GetAgents getAgents, GetTasks getTasks) {}

    /** {@code Response.GetHealth}. */
    public record GetHealth(Boolean healthy) {}

    /** {@code Response.GetVersion}. */
    public record GetVersion(VersionInfo versionInfo) {}

    /** {@code VersionInfo}. */
    public record VersionInfo(String version, String buildDate, Double buildTime, String gitSha, String gitTag) {}

    /** {@code Response.GetAgents}. */
    public record GetAgents(List<Agent> agents) {

        public List<Agent> agentList() {
            return agents == null ? List.of() : agents;
        }
    }

    /** {@code Response.GetAgents.Agent}. */
    public record Agent(
            AgentInfo agentInfo,
            Boolean active,
            Boolean deactivated,
            String version,
            String pid,
            List<Resource> totalResources,
            List<Resource> allocatedResources) {}

    /** {@code AgentInfo}. */
    public record AgentInfo(
            String hostname, Integer port, Id id, List<Resource> resources, List<Attribute> attributes) {}

    /** {@code Response.GetTasks}. */
    public record GetTasks(List<Task> tasks, List<Task> unreachableTasks, List<Task> completedTasks) {

        public List<Task> taskList() {
            return tasks == null ? List.of() : tasks;
        }
    }

    /** {@code Task}. */
    public record Task(
            String name,
            Id taskId,
            Id frameworkId,
            Id executorId,
            Id agentId,
            String state,
            String statusUpdateState,
            List<Resource> resources) {}
}
