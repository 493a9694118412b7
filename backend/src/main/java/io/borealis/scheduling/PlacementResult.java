package io.borealis.scheduling;

import java.util.List;
import java.util.Map;

/**
 * What placement decided.
 *
 * @param assignments tasks placed, in placement order
 * @param pendingReasons for each task left pending (by task id), why
 */
public record PlacementResult(List<Assignment> assignments, Map<String, String> pendingReasons) {

    public PlacementResult {
        assignments = List.copyOf(assignments);
        pendingReasons = Map.copyOf(pendingReasons);
    }
}
