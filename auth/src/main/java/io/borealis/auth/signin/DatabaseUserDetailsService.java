package io.borealis.auth.signin;

import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import java.time.Clock;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Spring Security's view of an account. A locked account (see {@link SignInThrottle}) is reported
 * as locked, so the password is not even checked until the lock ends; a disabled one as disabled.
 */
@Service
public class DatabaseUserDetailsService implements UserDetailsService {

    private final UserAccountRepository accounts;
    private final Clock clock;

    public DatabaseUserDetailsService(UserAccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccountRepository.Credentials credentials =
                accounts.findCredentials(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        UserAccount account = credentials.account();
        return User.withUsername(account.username())
                .password(credentials.passwordHash())
                .authorities(account.platformRole().authority())
                .accountLocked(account.lockedAt(clock.instant()))
                .disabled(!account.enabled())
                .build();
    }
}
