package io.borealis.themes;

/**
 * Paths of the stylesheets in this jar, for {@code @StyleSheet} on the app shell (after Lumo's).
 * The files live under {@code META-INF/resources/borealis-theme/}; the security configuration
 * must let anonymous requests fetch {@link #PATH_PATTERN} so the login page is styled too.
 */
public final class BorealisTheme {

    /** The master stylesheet; it imports the tokens and the component rules. */
    public static final String STYLESHEET = "borealis-theme/styles.css";

    /** URL pattern of every file in this theme. */
    public static final String PATH_PATTERN = "/borealis-theme/**";

    private BorealisTheme() {}
}
