package io.shotload.analysis;

import java.util.List;

/**
 * The first scenario at which the service broke.
 *
 * @param scenario the scenario's name
 * @param users its planned concurrent users
 * @param reasons every rule it crossed, one sentence each with the measured value and the limit
 */
public record BreakingPoint(String scenario, int users, List<String> reasons) {

    public BreakingPoint {
        reasons = List.copyOf(reasons);
    }
}
