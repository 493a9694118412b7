package io.borealis.auth.access;

import io.borealis.auth.user.PlatformRole;
import io.borealis.error.PermissionDeniedException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting on this thread, read from Spring Security's context. Services call this rather
 * than trusting a username passed in by a view or a controller.
 */
public final class CurrentUser {

    private CurrentUser() {}

    /** The signed-in person's username, if anyone is signed in. */
    public static Optional<String> username() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(authentication.getName());
    }

    /** The signed-in person's username; refuses anonymous callers. */
    public static String requireUsername() {
        return username().orElseThrow(() -> new PermissionDeniedException("You need to sign in first."));
    }

    public static boolean hasPlatformRole(PlatformRole role) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> role.authority().equals(a.getAuthority()));
    }

    /** Refuses anyone who is not a platform admin, saying so. */
    public static void requireAdmin(String action) {
        requireUsername();
        if (!hasPlatformRole(PlatformRole.ADMIN)) {
            throw new PermissionDeniedException("Only platform admins may " + action
                    + ". Ask a platform admin to do it or to grant you the ADMIN role.");
        }
    }
}
