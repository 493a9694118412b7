package io.borealis.web.security;

import io.borealis.audit.AuditSource;
import io.borealis.audit.RequestOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the audit log where each request comes from: the REST API ({@code /api/**}) or the portal,
 * and the client's address as this server sees it (behind a proxy, configure Tomcat's remote-IP
 * handling, {@code server.forward-headers-strategy}, so that this is the real client).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestOriginFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AuditSource source = path.startsWith("/api/") ? AuditSource.API : AuditSource.UI;
        RequestOrigin.set(new RequestOrigin(source, request.getRemoteAddr(), null));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestOrigin.clear();
        }
    }
}
