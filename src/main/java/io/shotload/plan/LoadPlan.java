package io.shotload.plan;

import java.util.List;
import java.util.Optional;

/**
 * The scenarios of a capacity test, run one after another in this order.
 *
 * @param name a short name shown in reports, such as {@code default} or {@code quick}
 * @param description one line for people reading the reports
 * @param scenarios the load levels, normally with rising {@code users}
 */
public record LoadPlan(String name, String description, List<ScenarioSpec> scenarios) {

    public LoadPlan {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    public Optional<ScenarioSpec> scenario(String scenarioName) {
        return scenarios.stream().filter(spec -> spec.name().equals(scenarioName)).findFirst();
    }

    /** Returns the planned wall time of all scenarios, in seconds. */
    public long totalDurationSeconds() {
        return scenarios.stream().mapToLong(ScenarioSpec::durationSeconds).sum();
    }
}
