package io.borealis.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.borealis.auth.user.Theme;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.ui.ViewTest;
import io.borealis.ui.admin.UsersView;
import io.borealis.ui.overview.OverviewView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

class MainLayoutTest extends ViewTest {

    @Autowired
    UserAccountRepository accounts;

    @Test
    @WithUserDetails("admin")
    void anAdminSeesEveryPageInTheNavigation() {
        navigate(OverviewView.class);

        assertThat(menuLabels())
                .containsExactly("Jobs", "Cluster", "Rollouts", "Audit", "API tokens", "About", "Teams", "Users");
        assertThat(layout().title.getText()).isEqualTo("About");
    }

    @Test
    @WithUserDetails("dev")
    void aUserDoesNotSeeAdminPagesAndCannotOpenThem() {
        navigate(OverviewView.class);

        assertThat(menuLabels()).containsExactly("Jobs", "Cluster", "Rollouts", "API tokens", "About", "Teams");
        assertThatThrownBy(() -> navigate(UsersView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isNotInstanceOf(UsersView.class);
    }

    @Test
    @WithUserDetails("lead")
    void aTeamLeadSeesTheAuditPageButNoAdminPages() {
        navigate(OverviewView.class);

        assertThat(menuLabels())
                .containsExactly("Jobs", "Cluster", "Rollouts", "Audit", "API tokens", "About", "Teams");
    }

    @Test
    @WithUserDetails("dev")
    void theOverviewShowsTheSignedInAccount() {
        navigate(OverviewView.class);

        String text = $(DescriptionList.class).first().getElement().getTextRecursively();
        assertThat(text).contains("dev").contains("Dana Developer").contains("User");
    }

    @Test
    @WithUserDetails("lead")
    void theThemeSwitchIsRememberedWithTheAccount() {
        navigate(OverviewView.class);
        ThemeSwitch themeSwitch = $(ThemeSwitch.class).single();
        assertThat(themeSwitch.current()).isEqualTo(Theme.LIGHT);

        test(themeSwitch).click();

        assertThat(themeSwitch.current()).isEqualTo(Theme.DARK);
        assertThat(accounts.findByUsername("lead").orElseThrow().theme()).isEqualTo(Theme.DARK);

        // a new page (another browser, a later visit) starts dark
        navigate(OverviewView.class);
        assertThat($(ThemeSwitch.class).single().current()).isEqualTo(Theme.DARK);
        test($(ThemeSwitch.class).single()).click();
        assertThat(accounts.findByUsername("lead").orElseThrow().theme()).isEqualTo(Theme.LIGHT);
    }

    private MainLayout layout() {
        return $(MainLayout.class).single();
    }

    private List<String> menuLabels() {
        return $(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
