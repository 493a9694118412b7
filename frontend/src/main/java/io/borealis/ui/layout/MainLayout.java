package io.borealis.ui.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.borealis.audit.AuditService;
import io.borealis.auth.user.UserAccountService;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in page: a navigation drawer built from the views' {@code @Menu}
 * entries (Vaadin leaves out the ones the person may not open; Audit shows only to those who may read
 * it: platform admins and team leads), a header with the page title, the
 * theme switch, who is signed in and a sign-out button.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    static final String AUDIT_PATH = "audit";

    final SideNav navigation = new SideNav();
    final H1 title = new H1();
    final Button signOut;

    public MainLayout(AuthenticationContext authentication, UserAccountService accounts, AuditService audit) {
        setPrimarySection(Section.DRAWER);

        Div mark = new Div();
        mark.addClassName("borealis-brand-mark");
        Div brand = new Div(mark, new Span("Borealis"));
        brand.addClassName("borealis-brand");
        navigation.setId("main-navigation");
        navigation.setLabel("Main navigation");
        boolean mayReadAudit = audit.mayRead();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            if (entry.path().replaceFirst("^/", "").equals(AUDIT_PATH) && !mayReadAudit) {
                continue; // only platform admins and team leads read the audit log
            }
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && !entry.icon().isBlank()) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            navigation.addItem(item);
        }
        addToDrawer(brand, navigation);

        title.addClassName("borealis-header-title");
        String who = authentication.getPrincipalName().orElse("");
        Span user = new Span(VaadinIcon.USER.create(), new Span(who));
        user.setId("signed-in-user");
        user.addClassName("borealis-muted");
        signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.TERTIARY);

        HorizontalLayout header =
                new HorizontalLayout(new DrawerToggle(), title, new ThemeSwitch(accounts), user, signOut);
        header.addClassName("borealis-header");
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        Div aurora = new Div();
        aurora.addClassName("borealis-aurora-bar");
        Div navbar = new Div(header, aurora);
        navbar.addClassName("borealis-navbar");
        addToNavbar(navbar);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        title.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
