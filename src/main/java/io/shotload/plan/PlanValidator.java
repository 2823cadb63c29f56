package io.shotload.plan;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a parsed plan against the limits below, before any load is sent. */
public final class PlanValidator {

    /** Scenario names become Gatling group names and JSON keys, so they stay plain. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final int MAX_SCENARIOS = 50;
    public static final int MAX_USERS = 10_000;
    /** One day; longer soak tests should be split into several runs. */
    public static final int MAX_DURATION_SECONDS = 86_400;
    /** Ten minutes of think time is already far from any screenshot workload. */
    public static final long MAX_THINK_TIME_MILLIS = 600_000;

    private PlanValidator() {}

    /** Returns the plan unchanged, or throws {@link InvalidPlanException} naming the first problem found. */
    public static LoadPlan validate(LoadPlan plan, String source) {
        String prefix = "Invalid plan " + source + ": ";
        if (plan.name() == null || plan.name().isBlank()) {
            throw new InvalidPlanException(prefix + "name is missing; expected a short name such as \"default\".");
        }
        if (plan.scenarios().isEmpty()) {
            throw new InvalidPlanException(prefix + "scenarios is empty; expected 1.." + MAX_SCENARIOS + " scenarios.");
        }
        if (plan.scenarios().size() > MAX_SCENARIOS) {
            throw new InvalidPlanException(prefix + "scenarios has " + plan.scenarios().size()
                    + " entries; expected 1.." + MAX_SCENARIOS + ".");
        }
        Set<String> names = new HashSet<>();
        for (int index = 0; index < plan.scenarios().size(); index++) {
            ScenarioSpec spec = plan.scenarios().get(index);
            if (spec == null) {
                throw new InvalidPlanException(prefix + "scenarios[" + index + "] is null; expected a scenario object.");
            }
            String label = "scenario " + (spec.name() == null ? "#" + (index + 1) : "'" + spec.name() + "'");
            if (spec.name() == null || !NAME_PATTERN.matcher(spec.name()).matches()) {
                throw new InvalidPlanException(prefix + label + " field name = " + quote(spec.name())
                        + "; expected lower-case letters, digits and underscores, starting with a letter (at most 64).");
            }
            if (!names.add(spec.name())) {
                throw new InvalidPlanException(prefix + label + " field name = \"" + spec.name()
                        + "\"; expected a name used by no other scenario.");
            }
            checkRange(prefix, label, "users", spec.users(), 1, MAX_USERS);
            checkRange(prefix, label, "duration_seconds", spec.durationSeconds(), 1, MAX_DURATION_SECONDS);
            if (spec.rampUpSeconds() < 0 || spec.rampUpSeconds() >= spec.durationSeconds()) {
                throw new InvalidPlanException(prefix + label + " field ramp_up_seconds = " + spec.rampUpSeconds()
                        + "; expected 0.." + (spec.durationSeconds() - 1)
                        + " (the ramp-up is counted inside duration_seconds = " + spec.durationSeconds() + ").");
            }
            checkRange(prefix, label, "think_time_ms", spec.thinkTimeMillis(), 0, MAX_THINK_TIME_MILLIS);
        }
        return plan;
    }

    private static void checkRange(String prefix, String label, String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidPlanException(prefix + label + " field " + field + " = " + value
                    + "; expected " + min + ".." + max + ".");
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
