package io.borealis.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.TextField;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.ui.ViewTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

class TeamsViewTest extends ViewTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    TeamService teams;

    @Test
    @WithUserDetails("dev")
    void aUserSeesOnlyTheirTeamsAndCannotCreateOne() {
        TeamsView view = navigate(TeamsView.class);

        for (int i = 0; i < test(view.grid).size(); i++) {
            assertThat(test(view.grid).getRow(i).slug())
                    .as("dev is in payments only")
                    .isNotEqualTo("search");
        }
        int payments = indexOf(view, "payments");
        assertThat(payments).isNotNegative();
        assertThat(test(view.grid).getCellText(payments, 3)).isEqualTo("DEVELOPER");
        assertThat(view.create.isAllowed()).isFalse();
        assertThat(view.create.button().isEnabled()).isFalse();
        assertThat(view.create.tooltipText())
                .isEqualTo("Only platform admins may create, rename and archive teams. Ask a platform admin to do it, "
                        + "or to give you the ADMIN role.");
    }

    @Test
    @WithUserDetails("admin")
    void anAdminCreatesATeamAfterFixingItsId() {
        TeamsView view = navigate(TeamsView.class);
        String closed = "closed" + NEXT.incrementAndGet() + "z";
        teams.createTeam(closed, "Closed");
        view.refresh();
        assertThat(indexOf(view, closed)).as("admins see every team").isNotNegative();
        assertThat(view.create.isAllowed()).isTrue();

        click(view.create.button());
        TextField slug = (TextField) view.createDialog
                .body
                .getChildren()
                .filter(c -> c.getId().orElse("").equals("new-team-slug"))
                .findFirst()
                .orElseThrow();
        TextField name = (TextField) view.createDialog
                .body
                .getChildren()
                .filter(c -> c.getId().orElse("").equals("new-team-name"))
                .findFirst()
                .orElseThrow();
        slug.setValue("Not OK");
        click(view.createDialog.confirm);
        assertThat(slug.isInvalid()).isTrue();
        assertThat(slug.getErrorMessage()).startsWith("must be 2-32 characters");
        assertThat(name.getErrorMessage()).isEqualTo("is required");
        assertThat(view.createDialog.isOpened()).isTrue();

        String id = "crew" + NEXT.incrementAndGet();
        slug.setValue(id);
        name.setValue("Crew");
        click(view.createDialog.confirm);

        assertThat(teams.visibleTeams()).extracting(Team::slug).contains(id);
        assertThat(getCurrentView()).isInstanceOf(TeamView.class);
        assertThat(((TeamView) getCurrentView()).name.getText()).isEqualTo("Crew");
    }

    private int indexOf(TeamsView view, String slug) {
        for (int i = 0; i < test(view.grid).size(); i++) {
            if (test(view.grid).getRow(i).slug().equals(slug)) {
                return i;
            }
        }
        return -1;
    }

    /** Clicks like a person and lets the UI attach what opened (dialogs attach on the round trip). */
    private void click(com.vaadin.flow.component.button.Button button) {
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip(); // grids render their cells
        test(button).click();
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip();
    }
}
