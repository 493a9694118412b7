package io.borealis.ui.error;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import io.borealis.error.BorealisException;
import io.borealis.ui.layout.MainLayout;
import io.borealis.ui.support.ErrorHandling;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Any other failure while opening a page: our own exceptions say what is wrong, anything else gets
 * a generic sentence with an error id (logged with the stack trace, which never reaches the page).
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class UnexpectedErrorView extends ErrorPage implements HasErrorParameter<Exception> {

    public UnexpectedErrorView() {
        super(VaadinIcon.WARNING, "unexpected-error");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        BorealisException known = ErrorHandling.known(parameter.getException());
        show(
                "Could not open the page",
                "This page could not be opened",
                ErrorHandling.messageFor(parameter.getException()));
        if (known == null) {
            return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        return switch (known.code()) {
            case "conflict" -> HttpServletResponse.SC_CONFLICT;
            case "validation_failed" -> HttpServletResponse.SC_BAD_REQUEST;
            default -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        };
    }
}
