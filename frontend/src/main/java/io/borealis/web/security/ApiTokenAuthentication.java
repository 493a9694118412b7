package io.borealis.web.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a personal API token: the token's owner, with their platform role's
 * authority ({@code ROLE_ADMIN} or {@code ROLE_USER}), as a signed-in person would have. The
 * services' access checks read exactly these two facts, so they treat API calls like the portal's.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String username;
    private final String tokenId;

    public ApiTokenAuthentication(String username, String authority, String tokenId) {
        super(List.of(new SimpleGrantedAuthority(authority)));
        this.username = username;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null; // the token text is never kept
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    /** The public id of the token used (never its secret). */
    public String tokenId() {
        return tokenId;
    }
}
