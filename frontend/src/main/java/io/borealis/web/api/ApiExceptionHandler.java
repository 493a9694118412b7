package io.borealis.web.api;

import io.borealis.auth.access.CurrentUser;
import io.borealis.error.BorealisException;
import io.borealis.error.PermissionDeniedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every failure of an API controller as an {@link ApiError}: the services' refusals keep their
 * message and get their status (400, 403, 404, 409), bad bodies and parameters are 400 with the
 * field, anything unexpected is a 500 with an error id and no detail.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(BorealisException.class)
    ResponseEntity<ApiError> refused(BorealisException e, HttpServletRequest request) {
        if (e instanceof PermissionDeniedException) {
            logDenied(request, e.getMessage());
        }
        return ApiErrors.of(e);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> accessDenied(AccessDeniedException e, HttpServletRequest request) {
        logDenied(request, e.getMessage());
        return ApiErrors.of(HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ApiErrors.unreadable(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        String problem =
                e.getRequiredType() == null ? "has the wrong type" : ApiErrors.describeType(e.getRequiredType());
        return ApiErrors.respond(new ApiError(
                HttpStatus.BAD_REQUEST.value(),
                "validation_failed",
                e.getName() + ": " + problem,
                java.util.List.of(new ApiError.FieldError(e.getName(), problem)),
                null,
                null));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ApiErrors.respond(new ApiError(
                HttpStatus.BAD_REQUEST.value(),
                "validation_failed",
                e.getParameterName() + ": is required",
                java.util.List.of(new ApiError.FieldError(e.getParameterName(), "is required")),
                null,
                null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return ApiErrors.methodNotAllowed(e);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return ApiErrors.unsupportedMediaType(e);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable() {
        return ApiErrors.notAcceptable();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        return ApiErrors.internal(e, request.getMethod(), request.getRequestURI());
    }

    /** Refused attempts are security events (OWASP ASVS 16.3.2): who, what, why. */
    private static void logDenied(HttpServletRequest request, String reason) {
        log.info(
                "API refused {} {} to {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                CurrentUser.username().orElse("anonymous"),
                reason);
    }
}
