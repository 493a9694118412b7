package io.borealis.ui.error;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import io.borealis.error.NotFoundException;
import io.borealis.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** Something the URL names does not exist (a job, a team): 404 with the service's sentence. */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends ErrorPage implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        super(VaadinIcon.SEARCH_MINUS, "not-found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        show(
                "Not found",
                "Not found",
                parameter.getException().getMessage()
                        + " It may have been named differently, or you followed an old link.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
