package io.borealis.ui.overview;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.platform.PlatformInfo;
import io.borealis.ui.support.Formats;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;

/** About: who you are here and what this installation is. */
@Route("overview")
@PageTitle("About")
@Menu(title = "About", order = 85, icon = "vaadin:info-circle-o")
@PermitAll
public class OverviewView extends Div {

    public OverviewView(UserAccountService accounts, PlatformInfo platform) {
        addClassName("borealis-page");
        Div cards = new Div();
        cards.addClassName("borealis-cards");

        UserAccount me = accounts.currentAccount().orElseThrow();
        Map<String, String> account = new LinkedHashMap<>();
        account.put("Username", me.username());
        account.put("Name", me.displayName());
        account.put("Platform role", me.isAdmin() ? "Admin" : "User");
        account.put("Email", me.email() == null ? "-" : me.email());
        account.put("Last sign-in", Formats.instant(me.lastSignInAt()));
        cards.add(card("Your account", "account-card", account));

        PlatformInfo.Facts facts = platform.facts();
        Map<String, String> installation = new LinkedHashMap<>();
        installation.put("Version", facts.version());
        installation.put("Database", facts.database());
        installation.put("Database URL", facts.databaseUrl());
        cards.add(card("This installation", "platform-card", installation));
        add(cards);
    }

    static Component card(String heading, String id, Map<String, String> facts) {
        DescriptionList list = new DescriptionList();
        list.addClassName("borealis-facts");
        facts.forEach((term, description) ->
                list.add(new DescriptionList.Term(term), new DescriptionList.Description(description)));
        Div card = new Div(new H3(heading), list);
        card.setId(id);
        card.addClassName("borealis-card");
        return card;
    }
}
