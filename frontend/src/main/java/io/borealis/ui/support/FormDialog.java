package io.borealis.ui.support;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import io.borealis.error.BorealisException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dialog that asks for input (or a confirmation) and then runs one service call: the service's
 * field problems are shown on the fields they name, any other refusal in the dialog, and the
 * dialog closes only when the call succeeded (nothing changes otherwise, so the person can correct
 * and try again).
 */
public class FormDialog extends Dialog {

    public final Button confirm = new Button();
    public final Button cancel = new Button("Cancel");
    public final Paragraph error = new Paragraph();
    public final Div body = new Div();

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private Runnable action = () -> {};
    private Runnable done = () -> {};

    public FormDialog(String id, String title, String confirmText, boolean dangerous) {
        setId(id);
        setHeaderTitle(title);
        setWidth("min(560px, 96vw)");
        body.addClassName("borealis-dialog-body");
        error.addClassName("borealis-callout-error");
        error.setVisible(false);
        error.setId(id + "-error");
        error.getElement().setAttribute("role", "alert");
        add(body, error);
        confirm.setText(confirmText);
        confirm.setId(id + "-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (dangerous) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        confirm.addClickListener(e -> submit());
        cancel.setId(id + "-cancel");
        cancel.addClickListener(e -> close());
        getFooter().add(cancel, confirm);
    }

    /** A sentence explaining what happens. */
    public FormDialog explain(String text) {
        Paragraph paragraph = new Paragraph(text);
        paragraph.addClassName("borealis-muted");
        body.add(paragraph);
        return this;
    }

    public FormDialog content(Component... components) {
        body.add(components);
        return this;
    }

    /** Shows the service's problems for {@code name} (the field as the service names it) on the field. */
    public FormDialog field(String name, HasValidation field) {
        fields.put(name, field);
        return this;
    }

    /** The service call to run on confirm. */
    public FormDialog onConfirm(Runnable action) {
        this.action = action;
        return this;
    }

    /** What to do after the call succeeded (refresh the page). */
    public FormDialog onDone(Runnable done) {
        this.done = done;
        return this;
    }

    /** Runs the call; returns whether it succeeded. */
    public boolean submit() {
        clearErrors();
        try {
            action.run();
        } catch (InvalidInputException invalid) {
            if (fields.isEmpty()) {
                showError(invalid.getMessage()); // no field to put them on: the whole summary
            } else {
                showProblems(invalid.problems());
            }
            return false;
        } catch (BorealisException refusal) {
            showError(refusal.getMessage());
            return false;
        }
        close();
        done.run();
        return true;
    }

    /** Puts each problem on its field; problems of no known field go to the dialog's message. */
    public void showProblems(List<FieldProblem> problems) {
        List<String> rest = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            if (fields.containsKey(problem.field())) {
                byField.computeIfAbsent(problem.field(), k -> new ArrayList<>()).add(problem.message());
            } else {
                rest.add(problem.toString());
            }
        }
        byField.forEach((name, messages) -> {
            HasValidation field = fields.get(name);
            field.setErrorMessage(String.join("; ", messages));
            field.setInvalid(true);
        });
        if (!rest.isEmpty()) {
            showError(String.join("; ", rest));
        }
    }

    public void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    public void clearErrors() {
        error.setText("");
        error.setVisible(false);
        fields.values().forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
    }
}
