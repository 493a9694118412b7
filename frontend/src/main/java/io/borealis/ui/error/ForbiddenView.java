package io.borealis.ui.error;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import io.borealis.error.PermissionDeniedException;
import io.borealis.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A page the person may not see: 403 with the reason (which permission, and who grants it). */
@ParentLayout(MainLayout.class)
@PermitAll
public class ForbiddenView extends ErrorPage implements HasErrorParameter<PermissionDeniedException> {

    public ForbiddenView() {
        super(VaadinIcon.LOCK, "forbidden");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<PermissionDeniedException> parameter) {
        show(
                "Not allowed",
                "You may not see this page",
                parameter.getException().getMessage());
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
