package io.borealis.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must satisfy (pure). Follows OWASP ASVS 6.2: long enough, long passphrases
 * allowed, no composition rules, and not one of the most common passwords or the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password",
            "password1",
            "password123",
            "12345678",
            "123456789",
            "1234567890",
            "qwertyui",
            "qwerty123",
            "iloveyou",
            "11111111",
            "00000000",
            "abc12345",
            "letmein1",
            "welcome1",
            "admin123",
            "administrator",
            "changeme",
            "passw0rd",
            "p@ssw0rd",
            "sunshine",
            "princess",
            "football",
            "baseball",
            "superman",
            "trustno1",
            "1q2w3e4r",
            "qwertyuiop",
            "zaq12wsx",
            "borealis",
            "borealis1");

    private PasswordPolicy() {}

    /** Every reason the password is refused, or an empty list if it is acceptable. */
    public static List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("is required");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters (a passphrase is best)");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            problems.add("is one of the most common passwords; choose another");
        }
        if (username != null
                && !username.isBlank()
                && lower.equals(username.strip().toLowerCase(Locale.ROOT))) {
            problems.add("must not be the username");
        }
        return problems;
    }
}
