package io.borealis.cluster.mesos.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import io.borealis.cluster.mesos.v1.Mesos.Id;
import io.borealis.cluster.mesos.v1.Mesos.MasterInfo;
import io.borealis.cluster.mesos.v1.Mesos.Offer;
import io.borealis.cluster.mesos.v1.Mesos.TaskStatus;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code mesos.v1.scheduler.Event}: {@code {"type":…, "<lower_snake_type>":{…}}}. A type this code
 * does not know (or a missing one) reads as {@link Type#UNKNOWN}, which clients must ignore.
 */
public record SchedulerEvent(
        Type type,
        Subscribed subscribed,
        Offers offers,
        InverseOffers inverseOffers,
        Rescind rescind,
        RescindInverseOffer rescindInverseOffer,
        Update update,
        UpdateOperationStatus updateOperationStatus,
        Message message,
        Failure failure,
        Error error) {

    /** {@code Event.Type}. */
    public enum Type {
        SUBSCRIBED,
        OFFERS,
        INVERSE_OFFERS,
        RESCIND,
        RESCIND_INVERSE_OFFER,
        UPDATE,
        UPDATE_OPERATION_STATUS,
        MESSAGE,
        FAILURE,
        ERROR,
        HEARTBEAT,
        @JsonEnumDefaultValue
        UNKNOWN
    }

    public SchedulerEvent {
        type = type == null ? Type.UNKNOWN : type;
    }

    /** {@code Event.Subscribed}. */
    public record Subscribed(Id frameworkId, Double heartbeatIntervalSeconds, MasterInfo masterInfo) {}

    /** {@code Event.Offers}. */
    public record Offers(List<Offer> offers) {}

    /** {@code Event.InverseOffers} (maintenance; kept opaque, Borealis ignores them). */
    public record InverseOffers(List<JsonNode> inverseOffers) {}

    /** {@code Event.Rescind}. */
    public record Rescind(Id offerId) {}

    /** {@code Event.RescindInverseOffer}. */
    public record RescindInverseOffer(Id inverseOfferId) {}

    /** {@code Event.Update}: acknowledge it if and only if {@code status.uuid} is present. */
    public record Update(TaskStatus status) {}

    /** {@code Event.UpdateOperationStatus} (only for operations with ids, which Borealis never sets). */
    public record UpdateOperationStatus(JsonNode status) {}

    /** {@code Event.Message}: executor to scheduler, unreliable. */
    public record Message(Id agentId, Id executorId, String data) {}

    /** {@code Event.Failure}: an agent removed (only agent_id) or an executor exited (with status). */
    public record Failure(Id agentId, Id executorId, Integer status) {}

    /** {@code Event.Error}: fatal for this subscription. */
    public record Error(String message) {}
}
