package io.borealis.ui.support;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Span;

/**
 * A validation message for a group of fields (a list of ports, the processes), shown where the
 * group is and announced to screen readers; behaves like a field's own error message.
 */
public class InlineError extends Span implements HasValidation {

    private String message;
    private boolean invalid;

    public InlineError() {
        addClassName("borealis-inline-error");
        getElement().setAttribute("role", "alert");
        setVisible(false);
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        message = errorMessage;
        setText(errorMessage == null ? "" : errorMessage);
    }

    @Override
    public String getErrorMessage() {
        return message;
    }

    @Override
    public void setInvalid(boolean value) {
        invalid = value;
        setVisible(value);
    }

    @Override
    public boolean isInvalid() {
        return invalid;
    }
}
