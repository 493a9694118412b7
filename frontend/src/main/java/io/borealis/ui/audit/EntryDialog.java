package io.borealis.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.dom.Element;
import io.borealis.audit.AuditEntry;
import io.borealis.ui.support.Formats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One audit entry: every field, and its changes as a before/after table with the changed rows marked. */
class EntryDialog extends Dialog {

    final Map<String, String> fields = new LinkedHashMap<>();
    final List<AuditDiff.Row> rows;
    final Element table = new Element("table");

    EntryDialog(AuditEntry entry) {
        setId("audit-entry-dialog");
        setHeaderTitle("Audit entry " + entry.seq());
        addClassName("borealis-audit-entry");
        setWidth("min(56rem, 95vw)");

        fields.put("Time", Formats.instant(entry.at()));
        fields.put("Actor", entry.actor());
        fields.put("API token", entry.actorToken());
        fields.put("Source", entry.source().name());
        fields.put("Client address", entry.clientAddress());
        fields.put("Action", entry.action());
        fields.put("Team", entry.team());
        fields.put("Target", entry.target());
        fields.put("Outcome", entry.outcome().name());
        fields.put("Reason", entry.reason());
        fields.put("Message", entry.message());
        fields.put("Sequence", Long.toString(entry.seq()));
        fields.put("Previous hash", entry.prevHash());
        fields.put("Entry hash", entry.entryHash());
        DescriptionList list = new DescriptionList();
        list.setId("audit-entry-fields");
        list.addClassName("borealis-audit-fields");
        fields.forEach((term, value) ->
                list.add(new DescriptionList.Term(term), new DescriptionList.Description(value == null ? "-" : value)));

        rows = AuditDiff.rows(entry.changes());
        Div changes = new Div(new H4("Changes"));
        changes.setId("audit-entry-changes");
        if (rows.isEmpty()) {
            changes.add(new Paragraph("This entry records no changed fields."));
        } else {
            table.setAttribute("id", "audit-diff");
            table.setAttribute("class", "borealis-audit-diff");
            Element head = new Element("tr");
            for (String title : List.of("Field", "Before", "After")) {
                head.appendChild(new Element("th").setText(title));
            }
            table.appendChild(new Element("thead").appendChild(head));
            Element body = new Element("tbody");
            for (AuditDiff.Row row : rows) {
                Element tr = new Element("tr");
                tr.setAttribute("data-field", row.field());
                if (row.changed()) {
                    tr.setAttribute("class", "borealis-diff-changed");
                    tr.setAttribute("title", "changed");
                }
                tr.appendChild(new Element("td").setText(row.field()));
                tr.appendChild(cell(row.before()));
                tr.appendChild(cell(row.after()));
                body.appendChild(tr);
            }
            table.appendChild(body);
            Div scroller = new Div();
            scroller.addClassName("borealis-audit-diff-scroller");
            scroller.getElement().appendChild(table);
            changes.add(scroller);
        }

        add(list, changes);
        Button close = new Button("Close", e -> close());
        close.setId("audit-entry-close");
        getFooter().add(close);
    }

    private static Element cell(String value) {
        Element td = new Element("td").setText(value == null ? "(none)" : value);
        if (value == null) {
            td.setAttribute("class", "borealis-muted");
        }
        return td;
    }
}
