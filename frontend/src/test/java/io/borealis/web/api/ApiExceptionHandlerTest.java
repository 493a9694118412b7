package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import io.borealis.quota.QuotaExceededException;
import io.borealis.quota.QuotaPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;

/** The mapping of failures to the API's error shape, without a server (the ITs cover it over HTTP). */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/jobs");

    @Test
    void anUnexpectedErrorIs500WithAnIdAndNoDetail() {
        ResponseEntity<ApiError> response =
                handler.unexpected(new IllegalStateException("password=hunter2 at Foo.java:12"), request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        ApiError error = response.getBody();
        assertThat(error.code()).isEqualTo("internal_error");
        assertThat(error.errorId()).hasSize(8);
        assertThat(error.message()).contains(error.errorId()).doesNotContain("hunter2", "Foo.java");
        assertThat(error.fieldErrors()).isEmpty();
    }

    @Test
    void eachRefusalGetsItsStatusAndCode() {
        assertThat(status(new InvalidInputException(List.of(new FieldProblem("a", "b")))))
                .isEqualTo("400 validation_failed");
        assertThat(status(new NotFoundException("gone"))).isEqualTo("404 not_found");
        assertThat(status(new PermissionDeniedException("no"))).isEqualTo("403 forbidden");
        assertThat(status(new ConflictException("busy"))).isEqualTo("409 conflict");
        assertThat(status(new QuotaExceededException(
                        "t", List.of(new QuotaPolicy.Shortfall("cpus", "2 cpus", "1 cpu", "1 cpu")))))
                .isEqualTo("409 quota_exceeded");
        ResponseEntity<ApiError> denied = handler.accessDenied(new AccessDeniedException("Access Denied"), request);
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertThat(denied.getBody().code()).isEqualTo("forbidden");
    }

    @Test
    void fieldProblemsAndShortfallsAreCarriedOver() {
        ApiError invalid = handler.refused(
                        new InvalidInputException(List.of(
                                new FieldProblem("instances", "must be between 1 and 10000"),
                                new FieldProblem("task.resources.cpus", "must be between 0.01 and 64 cores"))),
                        request)
                .getBody();
        assertThat(invalid.fieldErrors())
                .containsExactly(
                        new ApiError.FieldError("instances", "must be between 1 and 10000"),
                        new ApiError.FieldError("task.resources.cpus", "must be between 0.01 and 64 cores"));
        assertThat(invalid.shortfalls()).isNull();

        ApiError quota = handler.refused(
                        new QuotaExceededException(
                                "t", List.of(new QuotaPolicy.Shortfall("ram", "512 MB", "256 MB", "256 MB"))),
                        request)
                .getBody();
        assertThat(quota.shortfalls()).containsExactly(new ApiError.Shortfall("ram", "512 MB", "256 MB", "256 MB"));
        assertThat(quota.fieldErrors()).isEmpty();
    }

    private String status(io.borealis.error.BorealisException e) {
        ResponseEntity<ApiError> response = handler.refused(e, request);
        assertThat(response.getBody().status())
                .isEqualTo(response.getStatusCode().value());
        return response.getStatusCode().value() + " " + response.getBody().code();
    }
}
