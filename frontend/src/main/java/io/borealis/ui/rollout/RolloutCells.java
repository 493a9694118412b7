package io.borealis.ui.rollout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import io.borealis.rollout.InstanceState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One square per instance a rollout touches, coloured by its rollout state (pending, updating,
 * waiting for healthy time, succeeded, failed, rolling back, rolled back), with a legend of counts.
 * A redraw touches only the squares whose state changed.
 */
public class RolloutCells extends Div {

    final Div legend = new Div();
    final Div squares = new Div();
    private final Map<Integer, Element> cells = new LinkedHashMap<>();
    private final Map<Integer, InstanceState> shown = new LinkedHashMap<>();
    private boolean ended;

    public RolloutCells() {
        setId("rollout-grid");
        addClassName("borealis-instance-grid");
        legend.setId("rollout-legend");
        legend.addClassName("borealis-legend");
        squares.setId("rollout-squares");
        squares.addClassNames("borealis-squares", "size-l");
        squares.getElement().setAttribute("role", "list");
        squares.getElement().setAttribute("aria-label", "Instances by rollout state");
        add(legend, squares);
    }

    /** Shows these instances in these states (instance order as given), while the rollout runs. */
    public void show(Map<Integer, InstanceState> states) {
        show(states, false);
    }

    /**
     * Shows these instances in these states; {@code ended}: the rollout is over, so an instance it
     * never reached reads "not updated" rather than "pending".
     */
    public void show(Map<Integer, InstanceState> states, boolean ended) {
        if (!cells.keySet().equals(states.keySet()) || ended != this.ended) {
            squares.getElement().removeAllChildren();
            cells.clear();
            shown.clear();
            this.ended = ended;
        }
        Map<InstanceState, Integer> counts = new EnumMap<>(InstanceState.class);
        states.forEach((instance, state) -> {
            counts.merge(state, 1, Integer::sum);
            Element cell = cells.get(instance);
            if (cell == null) {
                cell = new Element("span");
                cell.setAttribute("data-i", Integer.toString(instance));
                cell.setAttribute("role", "listitem");
                cell.setText(Integer.toString(instance));
                cells.put(instance, cell);
                squares.getElement().appendChild(cell);
            }
            if (shown.get(instance) != state) {
                cell.setAttribute("class", "cell " + RolloutStates.cssClass(state));
                String label = "Instance " + instance + ": " + RolloutStates.label(state, ended);
                cell.setAttribute("title", label);
                cell.setAttribute("aria-label", label);
                shown.put(instance, state);
            }
        });
        legend.removeAll();
        counts.forEach((state, count) -> {
            Span pill = new Span(count + " " + RolloutStates.label(state, ended));
            pill.addClassNames("borealis-pill", RolloutStates.cssClass(state));
            legend.add(pill);
        });
    }

    /** The CSS classes of an instance's square (for tests). */
    public String classesOf(int instance) {
        Element cell = cells.get(instance);
        return cell == null ? null : cell.getAttribute("class");
    }

    /** What is shown, by instance (for tests). */
    public Map<Integer, InstanceState> shown() {
        return Map.copyOf(shown);
    }

    public int size() {
        return cells.size();
    }
}
