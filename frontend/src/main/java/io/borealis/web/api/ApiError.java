package io.borealis.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.borealis.error.FieldProblem;
import io.borealis.quota.QuotaPolicy;
import java.util.List;

/**
 * The body of every error the REST API answers, whatever its status: always {@code status},
 * {@code code}, {@code message} and {@code fieldErrors} (empty when no field is at fault); also
 * {@code shortfalls} for {@code quota_exceeded} and {@code errorId} for {@code internal_error}.
 *
 * @param status the HTTP status, repeated for clients that only keep the body
 * @param code stable and machine-readable: {@code validation_failed}, {@code malformed_request},
 *     {@code unauthorized}, {@code forbidden}, {@code not_found}, {@code method_not_allowed},
 *     {@code not_acceptable}, {@code conflict}, {@code quota_exceeded},
 *     {@code unsupported_media_type}, {@code internal_error}
 * @param message for people: what went wrong and, where possible, what to do
 * @param fieldErrors each input field at fault, by its path in the request
 * @param shortfalls for quota_exceeded: each resource the team's quota lacks
 * @param errorId for internal_error: the id under which the error was logged
 */
@JsonPropertyOrder({"status", "code", "message", "fieldErrors", "shortfalls", "errorId"})
public record ApiError(
        int status,
        String code,
        String message,
        List<FieldError> fieldErrors,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Shortfall> shortfalls,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {

    public ApiError {
        fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, List.of(), null, null);
    }

    /** One input field at fault: its path (e.g. {@code task.resources.cpus}) and what is wrong. */
    public record FieldError(String field, String message) {
        static FieldError of(FieldProblem problem) {
            return new FieldError(problem.field(), problem.message());
        }
    }

    /** One resource over quota. */
    public record Shortfall(String resource, String requested, String available, String missing) {
        static Shortfall of(QuotaPolicy.Shortfall shortfall) {
            return new Shortfall(
                    shortfall.resource(), shortfall.requested(), shortfall.available(), shortfall.missing());
        }
    }
}
