package io.borealis.ui.support;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import io.borealis.auth.access.Decision;

/**
 * A button that may be refused: disabled, with a tooltip saying why (the access decision's
 * sentence names the missing permission and who grants it). The tooltip sits on a wrapper because
 * browsers send no pointer events to a disabled button.
 */
public class GuardedButton extends Composite<Span> {

    private final Button button;
    private final Tooltip tooltip;
    private String refusal;
    private String hint;

    public GuardedButton(Button button) {
        this.button = button;
        getContent().addClassName("borealis-guarded");
        getContent().add(button);
        tooltip = Tooltip.forComponent(getContent());
    }

    /** Enables the button, or disables it with the decision's reason. */
    public GuardedButton guard(Decision decision) {
        return refuse(decision.allowed() ? null : decision.reason());
    }

    /** Disables the button saying why, or enables it when {@code reason} is null. */
    public GuardedButton refuse(String reason) {
        refusal = reason;
        button.setEnabled(reason == null);
        tooltip.setText(reason != null ? reason : hint);
        if (reason != null) {
            button.getElement().setAttribute("aria-description", reason);
        } else {
            button.getElement().removeAttribute("aria-description");
        }
        return this;
    }

    /** A tooltip shown while the button is enabled. */
    public GuardedButton hint(String text) {
        hint = text;
        if (refusal == null) {
            tooltip.setText(text);
        }
        return this;
    }

    public Button button() {
        return button;
    }

    public boolean isAllowed() {
        return refusal == null;
    }

    /** Why the button is disabled, or null when it is enabled. */
    public String refusal() {
        return refusal;
    }

    /** What the tooltip says now (the refusal when disabled). */
    public String tooltipText() {
        return tooltip.getText();
    }
}
