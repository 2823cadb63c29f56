package io.shotload.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

    @Test
    void defaultPlanHasTheFiveLevels() {
        LoadPlan plan = PlanLoader.load("default");

        assertThat(plan.scenarios()).extracting(ScenarioSpec::name)
                .containsExactly("baseline_single", "light_load", "moderate_load", "heavy_load", "stress_test");
        assertThat(plan.scenarios()).extracting(ScenarioSpec::users).containsExactly(1, 3, 6, 10, 15);
        assertThat(plan.scenarios()).extracting(ScenarioSpec::durationSeconds).containsExactly(30, 45, 60, 75, 90);
        assertThat(plan.scenarios()).extracting(ScenarioSpec::rampUpSeconds).containsExactly(0, 10, 15, 20, 30);
        assertThat(plan.scenarios()).extracting(ScenarioSpec::thinkTimeMillis).containsOnly(1000L);
    }

    @Test
    void quickPlanKeepsLevelsUnderAMinute() {
        LoadPlan plan = PlanLoader.load("quick");

        assertThat(plan.scenarios()).extracting(ScenarioSpec::users).containsExactly(1, 3, 6, 10, 15);
        assertThat(plan.totalDurationSeconds()).isLessThanOrEqualTo(35);
    }

    @Test
    void chromiumQuickPlanRunsFirstLevels() {
        LoadPlan full = PlanLoader.load("chromium");
        LoadPlan quick = PlanLoader.load("chromium-quick");

        assertThat(full.scenarios()).extracting(ScenarioSpec::users).containsExactly(1, 2, 3, 4, 6, 8, 12);
        assertThat(quick.scenarios()).extracting(ScenarioSpec::users).containsExactly(1, 2, 3, 4, 6);
        assertThat(quick.scenarios()).extracting(ScenarioSpec::name)
                .containsExactlyElementsOf(full.scenarios().subList(0, 5).stream().map(ScenarioSpec::name).toList());
        assertThat(full.scenarios()).extracting(ScenarioSpec::thinkTimeMillis).containsOnly(1000L);
        assertThat(quick.totalDurationSeconds()).isLessThanOrEqualTo(30);
    }

    @Test
    void blankNameLoadsDefault() {
        assertThat(PlanLoader.load(" ").name()).isEqualTo("default");
    }

    @Test
    void planLoadsFromPath(@TempDir Path folder) throws Exception {
        Path file = write(folder, """
                {"name": "custom", "scenarios": [
                  {"name": "only", "users": 4, "duration_seconds": 10, "ramp_up_seconds": 2, "think_time_ms": 500}]}
                """);

        LoadPlan plan = PlanLoader.load(file.toString());

        assertThat(plan.name()).isEqualTo("custom");
        assertThat(plan.scenarios()).containsExactly(new ScenarioSpec("only", 4, 10, 2, 500));
    }

    @Test
    void unknownPlanNameIsRejected() {
        assertThatThrownBy(() -> PlanLoader.load("nightly"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("shotload.plan = \"nightly\"")
                .hasMessageContaining("default, quick, chromium, chromium-quick");
    }

    @Test
    void invalidFieldsNameScenarioFieldAndValue(@TempDir Path folder) throws Exception {
        record Case(String scenarioJson, List<String> expectedFragments) {}
        List<Case> cases = List.of(
                new Case("{\"name\": \"a\", \"users\": 0, \"duration_seconds\": 10, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}",
                        List.of("scenario 'a'", "users = 0", "1..10000")),
                new Case("{\"name\": \"a\", \"users\": 2, \"duration_seconds\": 10, \"ramp_up_seconds\": 10, \"think_time_ms\": 0}",
                        List.of("scenario 'a'", "ramp_up_seconds = 10", "0..9")),
                new Case("{\"name\": \"a\", \"users\": 2, \"duration_seconds\": 0, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}",
                        List.of("duration_seconds = 0", "1..86400")),
                new Case("{\"name\": \"a\", \"users\": 2, \"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": -1}",
                        List.of("think_time_ms = -1", "0..600000")),
                new Case("{\"name\": \"Heavy Load\", \"users\": 2, \"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}",
                        List.of("name = \"Heavy Load\"", "lower-case")),
                new Case("{\"name\": \"a\", \"users\": \"many\", \"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}",
                        List.of("scenarios[0].users", "int")),
                new Case("{\"name\": \"a\", \"users\": 2, \"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": 0, \"rps\": 3}",
                        List.of("unknown field scenarios[0].rps", "think_time_ms")));
        for (Case testCase : cases) {
            Path file = write(folder, "{\"name\": \"p\", \"scenarios\": [" + testCase.scenarioJson() + "]}");

            assertThatThrownBy(() -> PlanLoader.load(file.toString()))
                    .as(testCase.scenarioJson())
                    .isInstanceOf(InvalidPlanException.class)
                    .hasMessageStartingWith("Invalid plan " + file)
                    .hasMessageContainingAll(testCase.expectedFragments().toArray(String[]::new));
        }
    }

    @Test
    void duplicateScenarioNamesAreRejected(@TempDir Path folder) throws Exception {
        String scenario = "{\"name\": \"same\", \"users\": 1, \"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}";
        Path file = write(folder, "{\"name\": \"p\", \"scenarios\": [" + scenario + ", " + scenario + "]}");

        assertThatThrownBy(() -> PlanLoader.load(file.toString()))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("name = \"same\"")
                .hasMessageContaining("no other scenario");
    }

    @Test
    void emptyAndMalformedFilesAreRejected(@TempDir Path folder) throws Exception {
        Path empty = write(folder, "{\"name\": \"p\", \"scenarios\": []}");
        Path malformed = write(folder, "{\"name\": \"p\", \"scenarios\": [");

        assertThatThrownBy(() -> PlanLoader.load(empty.toString()))
                .hasMessageContaining("scenarios is empty");
        assertThatThrownBy(() -> PlanLoader.load(malformed.toString()))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("Invalid plan " + malformed);
    }

    private static int fileCounter;

    private static Path write(Path folder, String json) throws Exception {
        Path file = folder.resolve("plan-" + (++fileCounter) + ".json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
