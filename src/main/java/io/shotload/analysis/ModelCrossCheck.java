package io.shotload.analysis;

import io.shotload.analysis.scalability.Kneedle;
import io.shotload.analysis.scalability.Kneedle.Direction;
import io.shotload.analysis.scalability.Kneedle.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The model-based estimates of good concurrency set against the rule-based optimum, written as
 * {@code analysis.scalability.cross_check}.
 *
 * <p>Estimates: the USL peak N*, the knee of steady throughput against users (Kneedle, concave
 * increasing) and the knee of the average response time against users (Kneedle, convex increasing).
 * Kneedle runs on one point per scenario that ran, because it does not smooth and per-second ramp points
 * are too noisy for it.
 *
 * <p>Disagreement. Each concurrency is placed on the plan's distinct user levels, sorted, by linear
 * interpolation between neighbouring levels (and by the nearest gap beyond either end), so 8 users on
 * levels 6 and 10 sit at position 2.5. An estimate disagrees with the rule-based optimum when their
 * positions differ by more than {@link AnalysisSettings#modelDisagreementLevels()} (1 level by default).
 * Without a rule-based optimum, or with fewer than 2 levels, nothing is compared.
 *
 * <p>The recommendation always follows the rule-based optimum. It was measured at a planned level for a
 * whole steady window and met every production target: error rate, average response time and stability.
 * N* maximises throughput alone, ignores latency and errors, and may be extrapolated beyond the tested
 * range. A knee from a handful of levels carries no confidence at all. The model is evidence: a
 * disagreement shows where to add load levels, not which pool size to deploy.
 *
 * @param status {@value #COMPARED}, or {@value #NO_REFERENCE} when no scenario met the production targets
 * @param planLevelsUsers the plan's distinct user levels, ascending
 * @param peakConcurrencyUsers the USL's N*; {@code null} without a fit or a peak
 * @param throughputKneeUsers the knee of throughput against users; {@code null} when there is none
 * @param latencyKneeUsers the knee of the average response time against users; {@code null} when there is none
 * @param ruleOptimalUsers the rule-based optimal concurrency; {@code null} when none was found
 * @param ruleBreakingPointUsers the rule-based breaking point; {@code null} when not reached
 * @param maxAgreeingLevelDistance the largest distance in plan levels that still counts as agreement
 * @param comparisons one per estimate
 * @param disagreement whether any estimate disagrees
 * @param recommendationFollows always {@value #RULE_BASED}
 * @param explanation what the comparison found and why the recommendation follows the rules
 */
public record ModelCrossCheck(
        String status,
        List<Integer> planLevelsUsers,
        Double peakConcurrencyUsers,
        Double throughputKneeUsers,
        Double latencyKneeUsers,
        Integer ruleOptimalUsers,
        Integer ruleBreakingPointUsers,
        double maxAgreeingLevelDistance,
        List<Comparison> comparisons,
        boolean disagreement,
        String recommendationFollows,
        String explanation) {

    public static final String COMPARED = "compared";
    public static final String NO_REFERENCE = "no_reference";
    public static final String RULE_BASED = "rule_based";

    private static final String WHY_RULES = "The recommendation follows the rule-based optimum, which was measured"
            + " at a planned level and met every production target; N* maximises throughput alone and ignores"
            + " latency and errors, and a knee from a few levels carries no confidence, so the model is evidence"
            + " of where to add load levels.";

    public ModelCrossCheck {
        planLevelsUsers = List.copyOf(planLevelsUsers);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One estimate against the rule-based optimum.
     *
     * @param estimate {@code usl_peak_concurrency}, {@code throughput_knee} or {@code latency_knee}
     * @param users the estimate in users; {@code null} when there is none
     * @param levelDistance |position of the estimate - position of the optimum| in plan levels;
     *     {@code null} when either is missing
     * @param agrees whether the distance is within the limit; {@code null} when not compared
     */
    public record Comparison(String estimate, Double users, Double levelDistance, Boolean agrees) {}

    /**
     * Compares the estimates with the rule-based results.
     *
     * @param planUsers the planned users of every scenario, in any order
     * @param ran the metrics of every scenario that ran
     * @param peakConcurrencyUsers the USL's N*, or {@code null}
     */
    static ModelCrossCheck compare(List<Integer> planUsers, List<ScenarioMetrics> ran, Double peakConcurrencyUsers,
            OptimalConcurrency optimal, BreakingPoint breakingPoint, double maxLevelDistance) {
        List<Integer> levels = planUsers.stream().distinct().sorted().toList();
        Double throughputKnee = knee(ran, true);
        Double latencyKnee = knee(ran, false);
        Integer optimalUsers = optimal == null ? null : optimal.users();
        Integer breakingUsers = breakingPoint == null ? null : breakingPoint.users();

        List<Comparison> comparisons = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        addComparison(comparisons, disagreements, "usl_peak_concurrency", "the USL peak N*", peakConcurrencyUsers,
                optimalUsers, levels, maxLevelDistance);
        addComparison(comparisons, disagreements, "throughput_knee", "the throughput knee", throughputKnee,
                optimalUsers, levels, maxLevelDistance);
        addComparison(comparisons, disagreements, "latency_knee", "the latency knee", latencyKnee, optimalUsers,
                levels, maxLevelDistance);

        String status = optimalUsers == null ? NO_REFERENCE : COMPARED;
        String explanation;
        if (optimalUsers == null) {
            explanation = "No scenario met every production target, so there is no rule-based optimum to compare"
                    + " the model with; the estimates are reported for reference only.";
        } else if (disagreements.isEmpty()) {
            explanation = String.format(Locale.ROOT, "The model-based estimates agree with the rule-based optimum"
                    + " of %d users within %s plan level(s), or are missing. %s", optimalUsers,
                    Setting.format(maxLevelDistance), WHY_RULES);
        } else {
            explanation = String.format(Locale.ROOT, "The model disagrees with the rule-based optimum of %d users:"
                    + " %s. %s", optimalUsers, String.join("; ", disagreements), WHY_RULES);
        }
        return new ModelCrossCheck(status, levels, peakConcurrencyUsers, throughputKnee, latencyKnee, optimalUsers,
                breakingUsers, maxLevelDistance, comparisons, !disagreements.isEmpty(), RULE_BASED, explanation);
    }

    private static void addComparison(List<Comparison> comparisons, List<String> disagreements, String code,
            String label, Double estimate, Integer optimalUsers, List<Integer> levels, double maxLevelDistance) {
        if (estimate == null || optimalUsers == null || levels.size() < 2) {
            comparisons.add(new Comparison(code, estimate, null, null));
            return;
        }
        double distance = Math.abs(levelPosition(estimate, levels) - levelPosition(optimalUsers, levels));
        boolean agrees = distance <= maxLevelDistance;
        comparisons.add(new Comparison(code, estimate, Numbers.round(distance, 2), agrees));
        if (!agrees) {
            disagreements.add(String.format(Locale.ROOT, "%s at %.1f users is %.1f plan levels away", label,
                    estimate, distance));
        }
    }

    /** Places {@code users} on the sorted distinct {@code levels} by linear interpolation; see the class note. */
    static double levelPosition(double users, List<Integer> levels) {
        int last = levels.size() - 1;
        if (last == 0) {
            throw new IllegalArgumentException("Invalid plan levels: " + levels + "; expected at least 2 to place "
                    + users + " users between them.");
        }
        if (users <= levels.get(0)) {
            return (users - levels.get(0)) / (levels.get(1) - levels.get(0));
        }
        if (users >= levels.get(last)) {
            return last + (users - levels.get(last)) / (levels.get(last) - levels.get(last - 1));
        }
        int index = 0;
        while (users > levels.get(index + 1)) {
            index++;
        }
        return index + (users - levels.get(index)) / (levels.get(index + 1) - levels.get(index));
    }

    /** Returns the Kneedle knee of steady throughput (or average response time) against users, or {@code null}. */
    private static Double knee(List<ScenarioMetrics> ran, boolean throughput) {
        Map<Integer, double[]> byUsers = new TreeMap<>();
        for (ScenarioMetrics metrics : ran) {
            Double value = throughput ? metrics.throughputSteadyRps() : metrics.avgResponseTimeMs();
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            double[] sums = byUsers.computeIfAbsent(metrics.users(), users -> new double[2]);
            sums[0] += value;
            sums[1]++;
        }
        double[] x = new double[byUsers.size()];
        double[] y = new double[byUsers.size()];
        int index = 0;
        for (Map.Entry<Integer, double[]> entry : byUsers.entrySet()) {
            x[index] = entry.getKey();
            y[index] = entry.getValue()[0] / entry.getValue()[1];
            index++;
        }
        Kneedle kneedle = throughput
                ? new Kneedle(Direction.INCREASING, Shape.CONCAVE)
                : new Kneedle(Direction.INCREASING, Shape.CONVEX);
        OptionalDouble knee = kneedle.findKnee(x, y);
        return knee.isPresent() ? knee.getAsDouble() : null;
    }
}
