package io.borealis.web.security;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/** Records each sign-out in the audit log, as the person who signs out. */
@Component
public class AuditLogoutHandler implements LogoutHandler {

    private final AuditTrail audit;

    public AuditLogoutHandler(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication == null) {
            return;
        }
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            audit.record(AuditRecord.of("auth.sign-out").target(authentication.getName()));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
