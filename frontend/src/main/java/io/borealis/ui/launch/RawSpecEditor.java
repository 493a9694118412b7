package io.borealis.ui.launch;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.error.InvalidInputException;
import io.borealis.job.JobSpec;
import io.borealis.job.spec.JobSpecFormat;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The spec as text, JSON or YAML, kept in step with the form both ways: form changes rewrite the
 * text; text that parses fills the form; text that does not parse says why and on which line
 * (the form keeps its last good state meanwhile).
 */
public class RawSpecEditor extends Div {

    public final RadioButtonGroup<JobSpecFormat.Notation> notation = new RadioButtonGroup<>();
    public final TextArea text = new TextArea();
    private final Consumer<JobSpec> onParsed;
    private JobSpec shown;
    private boolean writing;

    public RawSpecEditor(Consumer<JobSpec> onParsed) {
        this.onParsed = onParsed;
        setId("raw-spec");
        addClassNames("borealis-card", "borealis-raw-spec");
        notation.setId("raw-notation");
        notation.setAriaLabel("Notation");
        notation.setItems(JobSpecFormat.Notation.JSON, JobSpecFormat.Notation.YAML);
        notation.setValue(JobSpecFormat.Notation.JSON);
        notation.addValueChangeListener(e -> {
            if (shown != null) {
                show(shown);
            }
        });
        text.setId("raw-text");
        text.setAriaLabel("The job spec as text");
        text.addClassName("borealis-code-field");
        text.setWidthFull();
        text.setManualValidation(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setValueChangeTimeout(500);
        text.addValueChangeListener(e -> {
            if (!writing) {
                parse();
            }
        });
        Div header = new Div(new H3("Spec as text"), notation);
        header.addClassName("borealis-card-header");
        Paragraph help = new Paragraph("Edit either side: the form and this text follow each other. "
                + "The same document works with the REST API.");
        help.addClassName("borealis-muted");
        add(header, help, text);
    }

    /** Rewrites the text from a spec (the form changed). */
    public void show(JobSpec spec) {
        shown = spec;
        writing = true;
        try {
            text.setValue(JobSpecFormat.write(spec, notation.getValue()));
            text.setInvalid(false);
            text.setErrorMessage(null);
        } finally {
            writing = false;
        }
    }

    private void parse() {
        try {
            JobSpec spec = JobSpecFormat.read(text.getValue(), notation.getValue());
            text.setInvalid(false);
            text.setErrorMessage(null);
            shown = spec;
            onParsed.accept(spec);
        } catch (InvalidInputException e) {
            text.setErrorMessage(e.problems().stream()
                    .map(p -> p.field().equals("spec") ? "The text " + p.message() : p.field() + " " + p.message())
                    .collect(Collectors.joining("; ")));
            text.setInvalid(true);
        }
    }
}
