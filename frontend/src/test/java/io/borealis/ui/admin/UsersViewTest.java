package io.borealis.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.ui.ViewTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;

class UsersViewTest extends ViewTest {

    @Test
    @WithUserDetails("admin")
    void listsEveryAccountWithItsRole() {
        UsersView view = navigate(UsersView.class);

        assertThat(test(view.grid).size()).isEqualTo(3);
        assertThat(test(view.grid).getCellText(0, 0)).isEqualTo("admin");
        assertThat(test(view.grid).getCellText(0, 3)).isEqualTo("Admin");
        assertThat(test(view.grid).getCellText(1, 0)).isEqualTo("dev");
        assertThat(test(view.grid).getCellText(1, 3)).isEqualTo("User");
    }
}
