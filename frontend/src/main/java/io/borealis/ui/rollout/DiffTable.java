package io.borealis.ui.rollout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import io.borealis.scheduler.JobPlan;
import java.util.List;

/** A configuration diff, field by field: the field, its value before and after. */
public class DiffTable extends Div {

    private List<JobPlan.FieldChange> changes = List.of();

    public DiffTable() {
        addClassName("borealis-diff-wrapper");
    }

    public void show(List<JobPlan.FieldChange> newChanges) {
        changes = List.copyOf(newChanges);
        removeAll();
        getElement().removeAllChildren();
        if (changes.isEmpty()) {
            Paragraph none = new Paragraph("No field changes.");
            none.addClassName("borealis-muted");
            add(none);
            return;
        }
        Element table = new Element("table");
        table.getClassList().add("borealis-diff");
        Element head = new Element("tr");
        for (String title : List.of("Field", "Before", "After")) {
            head.appendChild(new Element("th").setText(title));
        }
        table.appendChild(new Element("thead").appendChild(head));
        Element body = new Element("tbody");
        for (JobPlan.FieldChange change : changes) {
            Element row = new Element("tr");
            row.appendChild(new Element("td").setText(change.field()));
            Element before = new Element("td").setText(change.before() == null ? "—" : change.before());
            before.getClassList().add("before");
            Element after = new Element("td").setText(change.after() == null ? "—" : change.after());
            after.getClassList().add("after");
            row.appendChild(before, after);
            body.appendChild(row);
        }
        table.appendChild(body);
        getElement().appendChild(table);
    }

    /** The changed fields shown (for tests). */
    public List<String> fields() {
        return changes.stream().map(JobPlan.FieldChange::field).toList();
    }

    public List<JobPlan.FieldChange> changes() {
        return changes;
    }
}
