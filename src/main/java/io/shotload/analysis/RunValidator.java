package io.shotload.analysis;

import io.shotload.run.RunData;
import io.shotload.run.ScenarioStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks whether a run's data supports a verdict. A {@code failed} check makes the exit code 2, a
 * {@code warning} makes it at least 1.
 */
final class RunValidator {

    /**
     * The {@code stopReason} prefix with which the simulation reports an unreachable target. Any
     * stop reason that contains "unreachable", in any case, counts too.
     */
    static final String TARGET_UNREACHABLE = CapacityAnalyzer.STOP_REASON_TARGET_UNREACHABLE;

    private RunValidator() {}

    static Validation validate(RunData data, List<ScenarioResult> scenarios, LittlesLawSummary littlesLaw,
            GeneratorSaturation generator, AnalysisSettings settings) {
        if (scenarios.isEmpty()) {
            return new Validation(Validation.Status.NOT_RUN, List.of(new ValidationCheck("scenarios_completed",
                    CheckStatus.FAILED, "The run data holds no scenario, so there is nothing to analyse.")));
        }
        List<ValidationCheck> checks = new ArrayList<>();
        checks.add(targetReachable(data.stopReason()));
        checks.add(responsesRecorded(scenarios));
        checks.add(scenariosCompleted(scenarios));
        checks.add(planCoverage(scenarios));
        checks.add(abortedScenarios(scenarios));
        checks.add(littlesLaw(littlesLaw));
        checks.add(new ValidationCheck("generator_saturation", generator.status(), generator.message()));
        checks.add(recorderWarnings(data.warnings()));
        if (data.openValidation() != null) {
            checks.add(OpenValidationCheck.evaluate(data.openValidation(), settings));
        }
        return Validation.of(checks);
    }

    static boolean meansUnreachable(String stopReason) {
        return stopReason != null && (stopReason.startsWith(TARGET_UNREACHABLE)
                || stopReason.toLowerCase(Locale.ROOT).contains("unreachable"));
    }

    private static ValidationCheck targetReachable(String stopReason) {
        if (meansUnreachable(stopReason)) {
            return new ValidationCheck("target_reachable", CheckStatus.FAILED, "The run stopped because the target "
                    + "was unreachable (" + stopReason + "). Check that the service is up and the base URL is right.");
        }
        String message = stopReason == null ? "The target responded; every planned scenario was started or skipped "
                + "on purpose." : "The target responded; the run stopped early: " + stopReason;
        return new ValidationCheck("target_reachable", CheckStatus.PASSED, message);
    }

    private static ValidationCheck responsesRecorded(List<ScenarioResult> scenarios) {
        long total = scenarios.stream().filter(ScenarioResult::ran).mapToLong(s -> s.metrics().totalRequests()).sum();
        long successful = scenarios.stream().filter(ScenarioResult::ran)
                .mapToLong(s -> s.metrics().successfulRequests()).sum();
        if (total == 0) {
            return new ValidationCheck("responses_recorded", CheckStatus.FAILED,
                    "No responses were recorded in any scenario. Check that the simulation reached the target.");
        }
        if (successful == 0) {
            return new ValidationCheck("responses_recorded", CheckStatus.FAILED, "Every one of " + total
                    + " requests failed. Check the target's logs and the failure messages in the run data.");
        }
        return new ValidationCheck("responses_recorded", CheckStatus.PASSED,
                successful + " of " + total + " requests succeeded.");
    }

    private static ValidationCheck scenariosCompleted(List<ScenarioResult> scenarios) {
        long completed = scenarios.stream().filter(s -> s.status() == ScenarioStatus.COMPLETED).count();
        if (completed == 0) {
            return new ValidationCheck("scenarios_completed", CheckStatus.FAILED,
                    "No scenario completed, so no load level was measured for its whole window.");
        }
        return new ValidationCheck("scenarios_completed", CheckStatus.PASSED,
                completed + " of " + scenarios.size() + " scenarios completed.");
    }

    private static ValidationCheck planCoverage(List<ScenarioResult> scenarios) {
        List<String> missing = scenarios.stream().filter(ScenarioResult::missingFromRunData)
                .map(ScenarioResult::scenario).toList();
        if (!missing.isEmpty()) {
            return new ValidationCheck("plan_coverage", CheckStatus.WARNING, "The run data has no entry for planned "
                    + "scenarios " + String.join(", ", missing) + "; they are reported as not run.");
        }
        return new ValidationCheck("plan_coverage", CheckStatus.PASSED, "Every planned scenario has an entry.");
    }

    private static ValidationCheck abortedScenarios(List<ScenarioResult> scenarios) {
        List<String> aborted = scenarios.stream().filter(s -> s.status() == ScenarioStatus.ABORTED)
                .map(ScenarioResult::scenario).toList();
        if (!aborted.isEmpty()) {
            return new ValidationCheck("aborted_scenarios", CheckStatus.WARNING, "Scenarios " + String.join(", ", aborted)
                    + " were aborted before their planned end; their numbers cover a shorter window.");
        }
        return new ValidationCheck("aborted_scenarios", CheckStatus.PASSED, "No scenario was aborted.");
    }

    private static ValidationCheck littlesLaw(LittlesLawSummary summary) {
        String message = switch (summary.status()) {
            case WARNING -> "Throughput x (response time + think time) is more than "
                    + Setting.format(summary.tolerancePercent()) + "% away from the planned users in "
                    + String.join(", ", summary.failedScenarios())
                    + ". The generator or the recorder did not run the plan as written.";
            case NOT_RUN -> "No scenario had a steady window long enough to check.";
            default -> summary.checkedScenarios() + " scenarios checked; all within "
                    + Setting.format(summary.tolerancePercent()) + "%.";
        };
        return new ValidationCheck("littles_law", summary.status(), message);
    }

    private static ValidationCheck recorderWarnings(List<String> warnings) {
        if (!warnings.isEmpty()) {
            return new ValidationCheck("recorder_warnings", CheckStatus.WARNING,
                    "The recorder reported: " + String.join(" | ", warnings));
        }
        return new ValidationCheck("recorder_warnings", CheckStatus.PASSED, "The recorder reported no problems.");
    }
}
