package io.shotload.analysis;

import io.shotload.analysis.CriterionResult.Outcome;
import io.shotload.run.RunData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the findings into the {@link Summary}: production readiness, reasons and the {@link ExitCode}. */
final class Verdicts {

    private Verdicts() {}

    static Summary summarize(RunData data, List<ScenarioResult> results, AnalysisFindings findings,
            Validation validation) {
        boolean productionReady = findings.optimal() != null && !findings.degradation() && validation.allowsVerdict();
        List<String> reasons = new ArrayList<>();
        ExitCode exitCode;
        if (!validation.allowsVerdict()) {
            exitCode = ExitCode.NO_VERDICT;
            validation.checks().stream()
                    .filter(check -> check.status() == CheckStatus.FAILED)
                    .forEach(check -> reasons.add(check.message()));
        } else {
            if (findings.optimal() == null) {
                reasons.add("Not production ready: no scenario met every production target.");
            }
            if (findings.degradation()) {
                BreakingPoint breakingPoint = findings.breakingPoint();
                reasons.add(String.format(Locale.ROOT, "Degradation: the service broke at %s (%d users), %s: %s.",
                        breakingPoint.scenario(), breakingPoint.users(),
                        Boolean.TRUE.equals(findings.breakingPointAtLastScenario())
                                ? "at or below the recommended pool size"
                                : "before the last (stress) scenario",
                        String.join("; ", breakingPoint.reasons())));
            }
            validation.checks().stream()
                    .filter(check -> check.status() == CheckStatus.WARNING)
                    .forEach(check -> reasons.add(check.message()));
            exitCode = reasons.isEmpty() ? ExitCode.READY : ExitCode.WARNINGS;
        }

        Double maxThroughput = results.stream()
                .filter(ScenarioResult::ran)
                .map(result -> result.metrics().throughputSteadyRps())
                .filter(value -> value != null)
                .max(Double::compare)
                .orElse(null);
        BreakingPoint breakingPoint = findings.breakingPoint();
        return new Summary(
                productionReady,
                findings.optimal() == null ? null : findings.optimal().users(),
                maxThroughput == null ? null : Numbers.round(maxThroughput, 3),
                findings.recommendedPoolSize(),
                breakingPoint != null,
                breakingPoint == null ? null : breakingPoint.users(),
                results.size(),
                count(results, Outcome.PASSED),
                count(results, Outcome.FAILED),
                count(results, Outcome.SKIPPED),
                Numbers.round(data.durationSeconds(), 3),
                validation,
                exitCode.code(),
                exitCode.verdict(),
                reasons);
    }

    private static int count(List<ScenarioResult> results, Outcome outcome) {
        return (int) results.stream().filter(result -> result.outcome() == outcome).count();
    }
}
