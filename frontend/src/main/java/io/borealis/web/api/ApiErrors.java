package io.borealis.web.api;

import io.borealis.error.BorealisException;
import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import io.borealis.quota.QuotaExceededException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * How each kind of failure becomes an {@link ApiError} response. The content type is set here, so
 * an error is JSON even for a client that asked for something else.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    static ResponseEntity<ApiError> of(HttpStatus status, String code, String message) {
        return respond(ApiError.of(status.value(), code, message));
    }

    static ResponseEntity<ApiError> respond(ApiError error) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(error);
    }

    /** A refusal with a message meant for people (the service's explanation), by its code. */
    static ResponseEntity<ApiError> of(BorealisException e) {
        return switch (e) {
            case InvalidInputException invalid ->
                respond(new ApiError(
                        HttpStatus.BAD_REQUEST.value(),
                        invalid.code(),
                        invalid.getMessage(),
                        invalid.problems().stream().map(ApiError.FieldError::of).toList(),
                        null,
                        null));
            case QuotaExceededException quota ->
                respond(new ApiError(
                        HttpStatus.CONFLICT.value(),
                        quota.code(),
                        quota.getMessage(),
                        List.of(),
                        quota.shortfalls().stream().map(ApiError.Shortfall::of).toList(),
                        null));
            default -> of(statusOf(e), e.code(), e.getMessage());
        };
    }

    private static HttpStatus statusOf(BorealisException e) {
        return switch (e) {
            case NotFoundException notFound -> HttpStatus.NOT_FOUND;
            case PermissionDeniedException denied -> HttpStatus.FORBIDDEN;
            case ConflictException conflict -> HttpStatus.CONFLICT;
            // a refusal of a kind this mapping does not know yet: the request cannot be done as sent
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    static ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind
                && (!databind.getPath().isEmpty() || databind instanceof MismatchedInputException)) {
            String field = path(databind);
            String problem = describe(databind);
            return respond(new ApiError(
                    HttpStatus.BAD_REQUEST.value(),
                    "validation_failed",
                    field + ": " + problem,
                    List.of(new ApiError.FieldError(field, problem)),
                    null,
                    null));
        }
        if (cause instanceof JacksonException jackson) {
            var location = jackson.getLocation();
            return of(
                    HttpStatus.BAD_REQUEST,
                    "malformed_request",
                    "The request body is not valid JSON: " + firstLine(jackson.getOriginalMessage())
                            + (location == null || location.getLineNr() < 1
                                    ? ""
                                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
        return of(
                HttpStatus.BAD_REQUEST,
                "malformed_request",
                "The request body is missing or unreadable: send a JSON object as described in the API documentation.");
    }

    static ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiError> body = of(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                e.getMethod() + " is not supported here"
                        + (e.getSupportedHttpMethods() == null
                                ? "."
                                : "; use " + join(e.getSupportedHttpMethods()) + "."));
        if (e.getSupportedHttpMethods() == null) {
            return body;
        }
        return ResponseEntity.status(body.getStatusCode())
                .headers(body.getHeaders())
                .allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
                .body(body.getBody());
    }

    static ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().isEmpty()
                ? "application/json"
                : e.getSupportedMediaTypes().stream()
                        .map(MediaType::toString)
                        .distinct()
                        .collect(Collectors.joining(", "));
        ResponseEntity<ApiError> body = of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                (e.getContentType() == null ? "A Content-Type is required" : e.getContentType() + " is not accepted")
                        + " here; send " + supported + ".");
        return ResponseEntity.status(body.getStatusCode())
                .headers(body.getHeaders())
                .header(HttpHeaders.ACCEPT, supported)
                .body(body.getBody());
    }

    static ResponseEntity<ApiError> notFound(String path) {
        return of(
                HttpStatus.NOT_FOUND,
                "not_found",
                "There is no API endpoint at " + path + ". The endpoints are listed at /api/v1/openapi.json.");
    }

    static ResponseEntity<ApiError> notAcceptable() {
        return of(
                HttpStatus.NOT_ACCEPTABLE,
                "not_acceptable",
                "This endpoint answers application/json; accept it (or */*).");
    }

    /** Anything unexpected: logged with an id, answered without detail. */
    static ResponseEntity<ApiError> internal(Exception e, String method, String path) {
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} answering {} {}", errorId, method, path, e);
        return respond(new ApiError(
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                "internal_error",
                "Something went wrong on our side. If it keeps happening, tell an administrator the error id " + errorId
                        + ".",
                List.of(),
                null,
                errorId));
    }

    /** The failing field's path, e.g. {@code instances[1]} or {@code quota.cpus}. */
    static String path(DatabindException e) {
        return io.borealis.job.spec.JobSpecFormat.fieldPath(e, "body");
    }

    private static String describe(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field"
                    + (unknown.getKnownPropertyIds() == null
                            ? ""
                            : "; known fields: "
                                    + unknown.getKnownPropertyIds().stream()
                                            .map(Object::toString)
                                            .sorted()
                                            .collect(Collectors.joining(", ")));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return describeType(mismatch.getTargetType());
        }
        return "has the wrong type";
    }

    /** What a value of a Java type must look like, for people. */
    static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + join(List.of(type.getEnumConstants()));
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static String join(Collection<?> values) {
        return values.stream().map(v -> v.toString().toUpperCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
