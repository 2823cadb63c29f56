package io.shotload.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles the Jenkinsfile as a Groovy script and calls its helper functions, which run in Jenkins
 * without the CPS transform. The {@code pipeline { }} block itself is never run here.
 */
class JenkinsfileHelpersTest {

    /** A stand-in for Jenkins' {@code com.cloudbees.groovy.cps.NonCPS}, which is not on this class path. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface NonCps {}

    private static Script jenkinsfile;

    @BeforeAll
    static void compileJenkinsfile() throws IOException {
        ImportCustomizer imports = new ImportCustomizer().addImport("NonCPS", NonCps.class.getName());
        CompilerConfiguration configuration = new CompilerConfiguration().addCompilationCustomizers(imports);
        jenkinsfile = new GroovyShell(configuration).parse(Files.readString(JenkinsfileAst.JENKINSFILE), "Jenkinsfile");
    }

    private static Map<String, Object> defaultParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("PLAN", "default");
        parameters.put("TARGET_BASE_URL", "");
        parameters.put("MAX_ERROR_RATE_PERCENT", "20");
        parameters.put("MAX_AVG_RESPONSE_MS", "8000");
        parameters.put("MIN_STABILITY", "0.3");
        parameters.put("TARGET_STABILITY", "0.75");
        parameters.put("TARGET_ERROR_RATE_PERCENT", "5");
        parameters.put("TARGET_AVG_RESPONSE_MS", "2000");
        parameters.put("POOL_HEADROOM", "1.2");
        return parameters;
    }

    @SuppressWarnings("unchecked")
    private static List<String> thresholdArguments(Map<String, Object> parameters) {
        return (List<String>) jenkinsfile.invokeMethod("buildThresholdArguments", new Object[] {parameters});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parseGateOutput(String output) {
        return (Map<String, String>) jenkinsfile.invokeMethod("parseGateOutput", new Object[] {output});
    }

    @Test
    void defaultsBecomeSystemProperties() {
        assertThat(thresholdArguments(defaultParameters())).containsExactly(
                "-Dshotload.maxErrorRatePercent=20",
                "-Dshotload.maxAvgResponseMs=8000",
                "-Dshotload.minStability=0.3",
                "-Dshotload.targetStability=0.75",
                "-Dshotload.targetErrorRatePercent=5",
                "-Dshotload.targetAvgResponseMs=2000",
                "-Dshotload.poolHeadroom=1.2");
    }

    @Test
    void blankThresholdIsOmitted() {
        Map<String, Object> parameters = defaultParameters();
        parameters.put("MIN_STABILITY", "  ");
        parameters.remove("POOL_HEADROOM");

        List<String> arguments = thresholdArguments(parameters);

        assertThat(arguments).hasSize(5);
        assertThat(arguments).noneMatch(argument -> argument.startsWith("-Dshotload.minStability="));
        assertThat(arguments).noneMatch(argument -> argument.startsWith("-Dshotload.poolHeadroom="));
    }

    @Test
    void firstBuildWithoutParametersPassesNone() {
        assertThat(thresholdArguments(new HashMap<>())).isEmpty();
    }

    @Test
    void valueIsTrimmed() {
        Map<String, Object> parameters = defaultParameters();
        parameters.put("MAX_ERROR_RATE_PERCENT", " 12.5 ");

        assertThat(thresholdArguments(parameters)).contains("-Dshotload.maxErrorRatePercent=12.5");
    }

    @Test
    void nonNumericThresholdIsRejected() {
        Map<String, Object> parameters = defaultParameters();
        parameters.put("MAX_AVG_RESPONSE_MS", "8000 -Dshotload.failOn=warning");

        assertThatThrownBy(() -> thresholdArguments(parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid parameter MAX_AVG_RESPONSE_MS = '8000 -Dshotload.failOn=warning'")
                .hasMessageContaining("expected a non-negative number");
    }

    @Test
    void gateOutputParsesToMap() {
        String output = """
                VERDICT=warnings
                EXIT_CODE=1
                REASON=heavy_load: p95 = 2400 ms; stress_test skipped
                DESCRIPTION=Optimal users: 6, max throughput: 4.38 qps, pool size: 8, verdict: warnings
                """;

        Map<String, String> values = parseGateOutput(output);

        assertThat(values.get("VERDICT")).isEqualTo("warnings");
        assertThat(values.get("EXIT_CODE")).isEqualTo("1");
        assertThat(values.get("REASON")).isEqualTo("heavy_load: p95 = 2400 ms; stress_test skipped");
        assertThat(values.get("DESCRIPTION")).isEqualTo(
                "Optimal users: 6, max throughput: 4.38 qps, pool size: 8, verdict: warnings");
    }

    @Test
    void gateOutputSkipsOtherLines() {
        Map<String, String> values = parseGateOutput("[ERROR] build failed\r\n\nEXIT_CODE=2\r\n");

        assertThat(values.keySet()).containsExactly("EXIT_CODE");
        assertThat(values.get("EXIT_CODE")).isEqualTo("2");
    }
}
