package io.borealis.web.security;

import io.borealis.audit.RequestOrigin;
import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.token.TokenCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} on API requests. An accepted token makes the request
 * its owner's (for this request only: nothing is kept in a session); a header that is not a usable
 * bearer token is answered 401 at once. Without the header the request goes on anonymous, and the
 * chain's rules answer 401 wherever a token is needed.
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenAuthenticationFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final ApiErrorResponses errors;

    ApiTokenAuthenticationFilter(ApiTokenService tokens, ApiErrorResponses errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, null, "The Authorization header must be 'Bearer <token>'.");
            return;
        }
        TokenCheck check = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (!check.accepted()) {
            refuse(request, response, check.tokenId(), check.refusal());
            return;
        }
        // looked up per request: Vaadin installs its own strategy while the application starts
        SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(
                new ApiTokenAuthentication(check.username(), check.role().authority(), check.tokenId()));
        contexts.setContext(context);
        // the audit log notes which token acted
        RequestOrigin.setToken(check.tokenId());
        chain.doFilter(request, response);
    }

    /** Every refused token is logged (OWASP ASVS 16.3.1), by id only: never the secret. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String tokenId, String reason)
            throws IOException {
        log.info(
                "API token refused for {} {} from {} (token {}): {}",
                request.getMethod(),
                request.getRequestURI(),
                request.getRemoteAddr(),
                tokenId == null ? "not well-formed" : tokenId,
                reason);
        errors.unauthorized(response, new ApiErrorResponses.BadApiTokenException(reason));
    }
}
