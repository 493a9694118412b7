package io.borealis.auth.user;

/**
 * What an admin (or the demo seeder) supplies to create an account. The password is plain text
 * here and is hashed by {@link UserAccountService} before it is stored.
 */
public record NewUserAccount(
        String username, String displayName, String email, String password, PlatformRole platformRole) {

    @Override
    public String toString() {
        // never print the password
        return "NewUserAccount[username=" + username + ", role=" + platformRole + "]";
    }
}
