package io.borealis.ui.layout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.page.ColorScheme;
import io.borealis.auth.user.Theme;
import io.borealis.auth.user.UserAccountService;

/**
 * Switches between the light and dark themes. The choice is stored with the account (so it follows
 * the person to any browser) and in this browser's local storage (so the sign-in page uses it too).
 */
public class ThemeSwitch extends Button {

    static final String STORAGE_KEY = "borealis-theme";

    private final UserAccountService accounts;
    private Theme current = Theme.LIGHT;

    public ThemeSwitch(UserAccountService accounts) {
        this.accounts = accounts;
        setId("theme-switch");
        addThemeVariants(ButtonVariant.TERTIARY);
        addClickListener(e -> switchTo(current == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        showFor(current);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        Theme stored = accounts.currentAccount().map(a -> a.theme()).orElse(Theme.LIGHT);
        apply(event.getUI(), stored);
    }

    /** Applies and remembers a theme for the signed-in person. */
    public void switchTo(Theme theme) {
        accounts.changeOwnTheme(theme);
        getUI().ifPresent(ui -> apply(ui, theme));
    }

    public Theme current() {
        return current;
    }

    private void apply(UI ui, Theme theme) {
        current = theme;
        ui.getPage().setColorScheme(theme == Theme.DARK ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        ui.getPage().executeJs("localStorage.setItem($0, $1)", STORAGE_KEY, theme.code());
        showFor(theme);
    }

    private void showFor(Theme theme) {
        boolean dark = theme == Theme.DARK;
        setIcon(dark ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        setText(dark ? "Light theme" : "Dark theme");
        setAriaLabel(dark ? "Switch to the light theme" : "Switch to the dark theme");
    }

    /** On pages without an account (sign-in), uses the theme this browser last chose. */
    public static void applyRememberedInBrowser(UI ui) {
        ui.getPage()
                .executeJs(
                        "if (localStorage.getItem($0) === 'dark') document.documentElement.setAttribute('theme', 'dark');",
                        STORAGE_KEY);
    }
}
