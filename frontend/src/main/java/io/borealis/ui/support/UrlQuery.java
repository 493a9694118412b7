package io.borealis.ui.support;

import com.vaadin.flow.router.Location;
import java.util.HashMap;
import java.util.Map;

/** Reading filters from a page's URL. */
public final class UrlQuery {

    private UrlQuery() {}

    /** Each query parameter's first value ({@code ""} for a bare {@code ?name}). */
    public static Map<String, String> firstValues(Location location) {
        Map<String, String> parameters = new HashMap<>();
        location.getQueryParameters()
                .getParameters()
                .forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.getFirst()));
        return parameters;
    }
}
