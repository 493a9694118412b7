package io.borealis.ui.error;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import io.borealis.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A URL no page answers to (Vaadin's router found no route): 404 instead of the default page. */
@ParentLayout(MainLayout.class)
@PermitAll
public class NoSuchPageView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    public NoSuchPageView() {
        super(VaadinIcon.SEARCH_MINUS, "no-such-page");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        show(
                "Page not found",
                "Page not found",
                "There is no page at /" + event.getLocation().getPath()
                        + ". Check the address, or start again from the jobs list.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
