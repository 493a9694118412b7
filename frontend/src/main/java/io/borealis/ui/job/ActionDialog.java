package io.borealis.ui.job;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import io.borealis.error.BorealisException;

/**
 * What the job page's action dialogs share: an explanation, the inputs, a confirm button that is
 * enabled only when the inputs make sense, and the service's refusal shown in the dialog (the
 * command changed nothing, so the person can correct and try again).
 */
abstract class ActionDialog extends Dialog {

    final Button confirm = new Button();
    final Button cancel = new Button("Cancel");
    final Paragraph error = new Paragraph();
    final Div body = new Div();

    ActionDialog(String id, String title, String confirmText, boolean dangerous) {
        setId(id);
        setHeaderTitle(title);
        setWidth("min(560px, 96vw)");
        body.addClassName("borealis-dialog-body");
        error.addClassName("borealis-callout-error");
        error.setVisible(false);
        error.setId(id + "-error");
        add(body, error);
        confirm.setText(confirmText);
        confirm.setId(id + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (dangerous) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        confirm.addClickListener(e -> run());
        cancel.setId(id + "-cancel");
        cancel.addClickListener(e -> close());
        getFooter().add(cancel, confirm);
    }

    void explain(String text) {
        Paragraph paragraph = new Paragraph(text);
        paragraph.addClassName("borealis-muted");
        body.add(paragraph);
    }

    void content(Component... components) {
        body.add(components);
    }

    /** Does the command; a refusal stays in the dialog. */
    private void run() {
        try {
            perform();
            close();
        } catch (BorealisException refusal) {
            error.setText(refusal.getMessage());
            error.setVisible(true);
        }
    }

    abstract void perform();
}
