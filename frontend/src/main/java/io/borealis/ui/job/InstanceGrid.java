package io.borealis.ui.job;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import io.borealis.scheduler.InstanceView;
import io.borealis.task.Task;
import io.borealis.task.TaskState;
import io.borealis.ui.support.TaskStates;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * One square per instance, coloured by the state of its current task, as in Aurora: squares shrink
 * past 100 and 1,000 instances. Squares are plain elements with one listener on the container,
 * focusable and labelled for screen readers; a refresh touches only the squares that changed, so a
 * 10,000-instance job updates cheaply. Clicking opens an instance, or (in selection mode) selects
 * it for a kill or restart.
 */
class InstanceGrid extends Div {

    static final String NONE = "state-none";

    final Div legend = new Div();
    final Div squares = new Div();
    private final List<Element> cells = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();
    private final SortedSet<Integer> selected = new TreeSet<>();
    private final IntConsumer onOpen;
    private final Runnable onSelectionChange;
    private boolean selecting;
    private int opened = -1;

    InstanceGrid(IntConsumer onOpen, Runnable onSelectionChange) {
        this.onOpen = onOpen;
        this.onSelectionChange = onSelectionChange;
        setId("instance-grid");
        addClassName("borealis-instance-grid");
        legend.setId("instance-legend");
        legend.addClassName("borealis-legend");
        squares.setId("instance-squares");
        squares.addClassName("borealis-squares");
        squares.getElement().setAttribute("role", "grid");
        squares.getElement().setAttribute("aria-label", "Instances by state");
        squares.getElement()
                .addEventListener("click", e -> e.getEventTarget().ifPresent(this::activate))
                .mapEventTargetElement();
        squares.getElement()
                .addEventListener("keydown", e -> e.getEventTarget().ifPresent(this::activate))
                .setFilter("event.key === 'Enter' || event.key === ' '")
                .preventDefault()
                .mapEventTargetElement();
        add(legend, squares);
    }

    /** Shows the instances, changing only what differs from what is shown. */
    void show(List<InstanceView> instances) {
        squares.removeClassNames("size-l", "size-m", "size-s");
        squares.addClassName(instances.size() <= 100 ? "size-l" : instances.size() <= 1000 ? "size-m" : "size-s");
        boolean numbered = instances.size() <= 100;
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        int noTask = 0;
        for (int i = 0; i < instances.size(); i++) {
            InstanceView instance = instances.get(i);
            Task task = instance.current();
            TaskState state = task == null ? null : task.state();
            if (state == null) {
                noTask++;
            } else {
                counts.merge(state, 1, Integer::sum);
            }
            String css = TaskStates.cssClass(state) + (instance.wanted() ? "" : " unwanted");
            String signature = css + '|' + (task == null ? "" : task.hostname());
            Element cell;
            if (i < cells.size()) {
                cell = cells.get(i);
                if (!css.equals(shown.get(i))) {
                    cell.setAttribute("class", classes(css, instance.instanceId()));
                    shown.set(i, css);
                }
                if (!signature.equals(signatures.get(i))) {
                    String label = label(instance);
                    cell.setAttribute("aria-label", label);
                    cell.setAttribute("title", label);
                    signatures.set(i, signature);
                }
                if (ids.get(i) != instance.instanceId()) {
                    ids.set(i, instance.instanceId());
                    cell.setAttribute("data-i", Integer.toString(instance.instanceId()));
                    cell.setAttribute("class", classes(css, instance.instanceId()));
                    cell.setAttribute("aria-label", label(instance));
                    cell.setAttribute("title", label(instance));
                }
            } else {
                cell = new Element("span");
                cell.setAttribute("data-i", Integer.toString(instance.instanceId()));
                cell.setAttribute("class", classes(css, instance.instanceId()));
                cell.setAttribute("role", "gridcell");
                cell.setAttribute("tabindex", "0");
                String label = label(instance);
                cell.setAttribute("aria-label", label);
                cell.setAttribute("title", label);
                cells.add(cell);
                shown.add(css);
                signatures.add(signature);
                ids.add(instance.instanceId());
                squares.getElement().appendChild(cell);
            }
            String text = numbered ? Integer.toString(instance.instanceId()) : "";
            if (!text.equals(cell.getText())) {
                cell.setText(text);
            }
        }
        while (cells.size() > instances.size()) {
            Element gone = cells.removeLast();
            shown.removeLast();
            signatures.removeLast();
            ids.removeLast();
            squares.getElement().removeChild(gone);
        }
        selected.retainAll(ids);
        showLegend(counts, noTask);
    }

    private void showLegend(Map<TaskState, Integer> counts, int noTask) {
        legend.removeAll();
        for (TaskState state : TaskStates.DISPLAY_ORDER) {
            Integer count = counts.get(state);
            if (count != null) {
                legend.add(TaskStates.pill(state, count));
            }
        }
        if (noTask > 0) {
            Span none = new Span(noTask + " without a task");
            none.addClassNames("borealis-pill", NONE);
            legend.add(none);
        }
    }

    private void activate(Element target) {
        String index = target.getAttribute("data-i");
        if (index == null) {
            return;
        }
        click(Integer.parseInt(index));
    }

    /** What a click (or Enter) on an instance's square does. */
    void click(int instance) {
        if (!ids.contains(instance)) {
            return;
        }
        if (selecting) {
            if (!selected.remove(instance)) {
                selected.add(instance);
            }
            restyle(instance);
            onSelectionChange.run();
        } else {
            int previous = opened;
            opened = instance;
            restyle(previous);
            restyle(instance);
            onOpen.accept(instance);
        }
    }

    /** Selection mode: clicks select instances instead of opening them. */
    void setSelecting(boolean on) {
        selecting = on;
        squares.getElement().getClassList().set("selecting", on);
        if (!on) {
            List<Integer> was = List.copyOf(selected);
            selected.clear();
            was.forEach(this::restyle);
            onSelectionChange.run();
        }
    }

    boolean isSelecting() {
        return selecting;
    }

    SortedSet<Integer> selected() {
        return new TreeSet<>(selected);
    }

    void closed() {
        int previous = opened;
        opened = -1;
        restyle(previous);
    }

    /** The CSS class list of an instance's square (for tests). */
    String classesOf(int instance) {
        return cells.get(ids.indexOf(instance)).getAttribute("class");
    }

    int size() {
        return cells.size();
    }

    private void restyle(int instance) {
        int index = ids.indexOf(instance);
        if (index < 0) {
            return;
        }
        cells.get(index).setAttribute("class", classes(shown.get(index), instance));
        cells.get(index).setAttribute("aria-selected", Boolean.toString(selected.contains(instance)));
    }

    private String classes(String css, int instance) {
        return "cell " + css + (selected.contains(instance) ? " selected" : "") + (instance == opened ? " open" : "");
    }

    private static String label(InstanceView instance) {
        Task task = instance.current();
        StringBuilder label =
                new StringBuilder("Instance ").append(instance.instanceId()).append(": ");
        if (task == null) {
            label.append("no task");
        } else {
            label.append(TaskStates.label(task.state()));
            if (task.hostname() != null && task.state().isOnAgent()) {
                label.append(" on ").append(task.hostname());
            }
        }
        if (!instance.wanted()) {
            label.append(" (being removed)");
        }
        return label.toString();
    }
}
