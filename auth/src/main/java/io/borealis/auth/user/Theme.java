package io.borealis.auth.user;

import java.util.Locale;

/** The colour scheme a person chose for the portal. */
public enum Theme {
    LIGHT,
    DARK;

    /** The value stored in the database. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored value; anything unknown falls back to light. */
    public static Theme fromCode(String code) {
        return "dark".equals(code) ? DARK : LIGHT;
    }
}
