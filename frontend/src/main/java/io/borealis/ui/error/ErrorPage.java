package io.borealis.ui.error;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouterLink;
import io.borealis.ui.jobs.JobsView;

/** What error pages share: a big icon, a title, the reason in plain words and a way back. */
abstract class ErrorPage extends Div implements HasDynamicTitle {

    final H2 heading = new H2();
    final Paragraph reason = new Paragraph();
    private String title = "";

    ErrorPage(VaadinIcon icon, String id) {
        setId(id);
        addClassNames("borealis-page", "borealis-error-page");
        Icon symbol = icon.create();
        symbol.addClassName("borealis-error-icon");
        reason.addClassName("borealis-error-reason");
        RouterLink back = new RouterLink("Back to the jobs", JobsView.class);
        back.setId("back-to-jobs");
        Div card = new Div(symbol, heading, reason, back);
        card.addClassNames("borealis-card", "borealis-error-card");
        add(card);
    }

    void show(String pageTitle, String headline, String why) {
        title = pageTitle;
        heading.setText(headline);
        reason.setText(why);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** The reason shown (for tests). */
    public String reasonText() {
        return reason.getText();
    }
}
