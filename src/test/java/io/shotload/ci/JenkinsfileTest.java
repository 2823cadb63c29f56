package io.shotload.ci;

import static io.shotload.ci.JenkinsfileAst.child;
import static io.shotload.ci.JenkinsfileAst.childNames;
import static io.shotload.ci.JenkinsfileAst.children;
import static io.shotload.ci.JenkinsfileAst.closureOf;
import static io.shotload.ci.JenkinsfileAst.firstStringArgument;
import static io.shotload.ci.JenkinsfileAst.namedArgument;
import static io.shotload.ci.JenkinsfileAst.namedArgumentText;
import static io.shotload.ci.JenkinsfileAst.nestedCall;
import static io.shotload.ci.JenkinsfileAst.nestedAssignmentTargets;
import static io.shotload.ci.JenkinsfileAst.nestedCallNames;
import static io.shotload.ci.JenkinsfileAst.nestedStrings;
import static io.shotload.ci.JenkinsfileAst.topLevelCall;
import static io.shotload.ci.JenkinsfileAst.topLevelMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the Jenkinsfile's structure on its Groovy syntax tree, without a Jenkins to run it. */
class JenkinsfileTest {

    /** Threshold parameters, their defaults and the system properties they map to, in Jenkinsfile order. */
    private static final List<List<String>> THRESHOLDS = List.of(
            List.of("MAX_ERROR_RATE_PERCENT", "20", "shotload.maxErrorRatePercent"),
            List.of("MAX_AVG_RESPONSE_MS", "8000", "shotload.maxAvgResponseMs"),
            List.of("MIN_STABILITY", "0.3", "shotload.minStability"),
            List.of("TARGET_STABILITY", "0.75", "shotload.targetStability"),
            List.of("TARGET_ERROR_RATE_PERCENT", "5", "shotload.targetErrorRatePercent"),
            List.of("TARGET_AVG_RESPONSE_MS", "2000", "shotload.targetAvgResponseMs"),
            List.of("POOL_HEADROOM", "1.2", "shotload.poolHeadroom"));

    private static ModuleNode module;
    private static MethodCallExpression pipeline;

    @BeforeAll
    static void parseJenkinsfile() throws IOException {
        module = JenkinsfileAst.parse();
        pipeline = topLevelCall(module, "pipeline");
    }

    private static MethodCallExpression stage(String name) {
        return children(child(pipeline, "stages"), "stage").stream()
                .filter(stage -> firstStringArgument(stage).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No stage '" + name + "'"));
    }

    /** Returns each parameter's name and default value, in declaration order. */
    private static Map<String, Object> parameterDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (String type : List.of("string", "choice", "booleanParam", "text")) {
            for (MethodCallExpression parameter : children(child(pipeline, "parameters"), type)) {
                Object name = namedArgument(parameter, "name")
                        .orElseThrow(() -> new AssertionError("A parameter without a literal name: " + parameter.getText()));
                defaults.put(name.toString(), namedArgument(parameter, "defaultValue").orElse(null));
            }
        }
        return defaults;
    }

    @Test
    void optionsSetTimestampsTimeoutAndDiscarder() {
        List<String> options = childNames(child(pipeline, "options"));

        assertThat(options).contains("timestamps", "timeout", "buildDiscarder");
    }

    @Test
    void planAndTargetParametersExist() {
        Map<String, Object> defaults = parameterDefaults();

        assertThat(defaults).containsEntry("PLAN", "default");
        assertThat(defaults).containsEntry("TARGET_BASE_URL", "");
    }

    @Test
    void thresholdParametersHaveDefaults() {
        Map<String, Object> defaults = parameterDefaults();

        for (List<String> threshold : THRESHOLDS) {
            assertThat(defaults).as("parameter %s", threshold.get(0)).containsEntry(threshold.get(0), threshold.get(1));
        }
    }

    @Test
    void thresholdMapNamesProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (MapEntryExpression entry : topLevelMap(module, "THRESHOLD_PROPERTIES")) {
            properties.put(((ConstantExpression) entry.getKeyExpression()).getValue().toString(),
                    ((ConstantExpression) entry.getValueExpression()).getValue().toString());
        }

        Map<String, String> expected = new LinkedHashMap<>();
        THRESHOLDS.forEach(threshold -> expected.put(threshold.get(0), threshold.get(2)));
        assertThat(properties).containsExactlyEntriesOf(expected);
        assertThat(parameterDefaults().keySet()).containsAll(properties.keySet());
    }

    @Test
    void propertyNamesAppearOnlyInMap() throws IOException {
        String jenkinsfile = Files.readString(JenkinsfileAst.JENKINSFILE);

        for (List<String> threshold : THRESHOLDS) {
            String property = "'" + threshold.get(2) + "'";
            assertThat(jenkinsfile.indexOf(property)).as("first %s", property).isNotNegative();
            assertThat(jenkinsfile.indexOf(property)).as("only %s", property).isEqualTo(jenkinsfile.lastIndexOf(property));
        }
    }

    @Test
    void stagesRunInOrder() {
        List<String> stages = children(child(pipeline, "stages"), "stage").stream()
                .map(JenkinsfileAst::firstStringArgument)
                .toList();

        assertThat(stages).containsSubsequence("Build & unit tests", "Load test", "Compare", "Gate");
        assertThat(stages.get(0)).isEqualTo("Build & unit tests");
    }

    @Test
    void buildStageRunsVerify() {
        List<String> strings = nestedStrings(closureOf(stage("Build & unit tests")));

        assertThat(strings).contains("mvn -B verify");
    }

    @Test
    void loadTestNeverFailsOnVerdict() {
        List<String> strings = nestedStrings(closureOf(stage("Load test")));

        assertThat(strings).anyMatch(text -> text.contains("mvn -B gatling:test")
                && text.contains("-Dshotload.failOn=never"));
    }

    @Test
    void loadTestPassesPlanTargetAndThresholds() {
        List<String> strings = nestedStrings(closureOf(stage("Load test")));

        assertThat(strings).anyMatch(text -> text.contains("\"-Dshotload.plan=$SHOTLOAD_PLAN\""));
        assertThat(strings).anyMatch(text -> text.contains("\"-Dshotload.baseUrl=$SHOTLOAD_BASE_URL\""));
        assertThat(strings).anyMatch(text -> text.contains("$SHOTLOAD_THRESHOLD_ARGS"));
        assertThat(nestedCallNames(closureOf(stage("Load test")))).contains("buildThresholdArguments", "withEnv");
    }

    @Test
    void gateStageMapsExitCodes() {
        MethodCallExpression gate = stage("Gate");

        assertThat(nestedStrings(closureOf(gate))).anyMatch(text -> text.startsWith("ci/performance-gate.sh"));
        assertThat(nestedCallNames(closureOf(gate))).contains("sh", "readFile", "parseGateOutput", "unstable", "error");
    }

    @Test
    void postPublishesResults() {
        MethodCallExpression always = child(child(pipeline, "post"), "always");
        List<String> steps = nestedCallNames(closureOf(always));

        assertThat(steps).contains("archiveArtifacts", "publishHTML", "junit");
    }

    @Test
    void postArchivesResultsFolder() {
        MethodCallExpression always = child(child(pipeline, "post"), "always");
        MethodCallExpression archive = child(always, "archiveArtifacts");

        assertThat(namedArgument(archive, "artifacts")).isEqualTo(Optional.of("gatling-results/**"));
    }

    @Test
    void postReadsPerformanceJunit() {
        MethodCallExpression always = child(child(pipeline, "post"), "always");
        MethodCallExpression junit = child(always, "junit");

        assertThat(namedArgument(junit, "testResults")).isEqualTo(Optional.of("gatling-results/reports/junit_*.xml"));
        assertThat(namedArgument(junit, "allowEmptyResults")).isEqualTo(Optional.of(true));
    }

    @Test
    void postFindsNewestGatlingReport() {
        MethodCallExpression always = child(child(pipeline, "post"), "always");

        assertThat(nestedStrings(closureOf(always)))
                .anyMatch(text -> text.contains("gatling-results/capacitysimulation-*/index.html"));
    }

    @Test
    void gateSetsBuildDescription() {
        assertThat(nestedAssignmentTargets(closureOf(stage("Gate")))).contains("currentBuild.description");
    }

    @Test
    void compareCopiesLastStableResults() {
        MethodCallExpression copy = nestedCall(closureOf(stage("Compare")), "copyArtifacts");

        assertThat(namedArgumentText(copy, "projectName")).contains("env.JOB_NAME");
        assertThat(namedArgumentText(copy, "selector")).hasValueSatisfying(selector -> assertThat(selector)
                .contains("lastSuccessful").contains("stable:true"));
        assertThat(namedArgument(copy, "filter")).isEqualTo(Optional.of("gatling-results/reports/load_test_results_*.json"));
        assertThat(namedArgument(copy, "optional")).isEqualTo(Optional.of(true));
    }

    @Test
    void compareMapsExitCodes() {
        MethodCallExpression compare = stage("Compare");

        assertThat(nestedStrings(closureOf(compare))).anyMatch(text -> text.startsWith("ci/compare-runs.sh"));
        assertThat(nestedCallNames(closureOf(compare))).contains("readFile", "parseGateOutput", "unstable",
                "catchError", "error");
    }

    @Test
    void compareRegressionKeepsGateRunning() {
        MethodCallExpression catchError = nestedCall(closureOf(stage("Compare")), "catchError");

        assertThat(namedArgument(catchError, "buildResult")).isEqualTo(Optional.of("FAILURE"));
        assertThat(nestedCallNames(closureOf(catchError))).contains("error");
    }

    @Test
    void loadTestClearsOldBaseline() throws IOException {
        String cleanup = Files.readString(JenkinsfileAst.JENKINSFILE).lines()
                .filter(line -> line.contains("rm -rf gatling-results/capacitysimulation-*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No clean-up of earlier results in the Jenkinsfile"));

        assertThat(cleanup).contains("'${BASELINE_DIR}'", "'${COMPARE_OUTPUT}'", "gatling-results/reports");
    }

    @Test
    void postPublishesCapacityReport() {
        MethodCallExpression always = child(child(pipeline, "post"), "always");

        assertThat(nestedStrings(closureOf(always))).anyMatch(text -> text.contains("capacity_report_*.html"));
    }
}
