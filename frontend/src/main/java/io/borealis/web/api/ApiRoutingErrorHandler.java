package io.borealis.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The failures that happen before any controller is chosen (no such path, wrong method, wrong
 * content type), answered as {@link ApiError}s under {@code /api/} only. Elsewhere (actuator,
 * static files) the exception is rethrown, which leaves Spring's usual answer in place.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRoutingErrorHandler {

    static final String API_PREFIX = "/api/";

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> noSuchPath(Exception e, HttpServletRequest request) throws Exception {
        requireApi(e, request);
        return ApiErrors.notFound(request.getRequestURI());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(e, request);
        return ApiErrors.methodNotAllowed(e);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(e, request);
        return ApiErrors.unsupportedMediaType(e);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request)
            throws Exception {
        requireApi(e, request);
        return ApiErrors.notAcceptable();
    }

    /** Rethrowing the exception itself tells Spring this handler does not apply. */
    private static void requireApi(Exception e, HttpServletRequest request) throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(API_PREFIX)) {
            throw e;
        }
    }
}
