package io.borealis.web.security;

import io.borealis.web.api.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API chain's own answers, in the API's error shape: 401 with {@code WWW-Authenticate: Bearer}
 * (RFC 6750) when there is no usable token, 403 when a rule of the chain refuses.
 */
final class ApiErrorResponses {

    static final String MISSING_TOKEN = "Send a personal API token as 'Authorization: Bearer <token>'. "
            + "Create one on the portal's API tokens page.";

    private final JsonMapper json;

    ApiErrorResponses(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> unauthorized(response, exception);
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, exception) ->
                write(response, ApiError.of(HttpStatus.FORBIDDEN.value(), "forbidden", "You may not do this."));
    }

    /** 401: the message says what was wrong with the token, if one was sent. */
    void unauthorized(HttpServletResponse response, AuthenticationException exception) throws IOException {
        boolean tokenSent = exception instanceof BadApiTokenException;
        String message = tokenSent ? exception.getMessage() : MISSING_TOKEN;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                tokenSent
                        ? "Bearer realm=\"borealis\", error=\"invalid_token\", error_description=\""
                                + message.replace('"', '\'') + "\""
                        : "Bearer realm=\"borealis\"");
        write(response, ApiError.of(HttpStatus.UNAUTHORIZED.value(), "unauthorized", message));
    }

    private void write(HttpServletResponse response, ApiError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), error);
    }

    /** A token was sent but is not usable; the message says why. */
    static final class BadApiTokenException extends AuthenticationException {
        BadApiTokenException(String message) {
            super(message);
        }
    }
}
