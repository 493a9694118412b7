package io.borealis.ui.support;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import java.util.Locale;

/**
 * Small pictures drawn as inline SVG with the Element API (no client-side code): stacked bars for
 * capacity and quota. Colours come from CSS classes, so the light and dark themes both apply.
 */
public final class Svg {

    /** One part of a stacked bar: its size and the CSS class that colours it. */
    public record Segment(double value, String cssClass, String title) {}

    private Svg() {}

    /**
     * A horizontal bar of {@code total} units with the segments stacked from the left (anything
     * beyond the total is clipped and marked as over).
     */
    public static Component bar(double total, String label, Segment... segments) {
        return bar(total, label, null, segments);
    }

    /**
     * A bar as {@link #bar(double, String, Segment...)} with a thin vertical line at {@code marker}
     * units (a limit such as a quota), or none when it is null.
     */
    public static Component bar(double total, String label, Double marker, Segment... segments) {
        // Flow lower-cases attribute names (viewBox would be lost): sizes are percentages instead
        Element svg = new Element("svg");
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
        svg.getClassList().add("borealis-bar");
        svg.appendChild(rect(0, 100, "bar-track", null));
        double x = 0;
        double sum = 0;
        for (Segment segment : segments) {
            sum += Math.max(0, segment.value());
            double width = total <= 0 ? (segment.value() > 0 ? 100 - x : 0) : segment.value() / total * 100;
            width = Math.max(0, Math.min(width, 100 - x));
            if (width > 0) {
                svg.appendChild(rect(x, width, segment.cssClass(), segment.title()));
                x += width;
            }
        }
        if (sum > total + 1e-9) {
            svg.getClassList().add("over");
        }
        if (marker != null && total > 0) {
            double at = Math.max(0, Math.min(marker / total * 100, 100));
            Element line = rect(Math.max(0, at - 0.5), 1, "bar-marker", null);
            svg.appendChild(line);
        }
        Span wrapper = new Span();
        wrapper.addClassName("borealis-bar-wrapper");
        wrapper.getElement().appendChild(svg);
        return wrapper;
    }

    private static Element rect(double x, double width, String cssClass, String title) {
        Element rect = new Element("rect");
        rect.setAttribute("x", number(x) + "%");
        rect.setAttribute("y", "0");
        rect.setAttribute("width", number(width) + "%");
        rect.setAttribute("height", "100%");
        rect.getClassList().add(cssClass);
        if (title != null) {
            Element tooltip = new Element("title");
            tooltip.setText(title);
            rect.appendChild(tooltip);
        }
        return rect;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
