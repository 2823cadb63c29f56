package io.shotload.simulation;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import io.shotload.plan.ScenarioSpec;
import io.shotload.run.OpenValidationRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity test: the plan's scenarios one after another, each a closed model of concurrent users
 * who request a screenshot, check the image and think before the next one.
 *
 * <p>Settings come from {@code -Dshotload.*} properties (see {@link SimulationSettings}); the recording,
 * the breaking-point decision and the post-processing live in {@link CapacityRun}.
 */
public class CapacitySimulation extends Simulation {

    /** A real screenshot is never this small; a smaller body is an error page with an image header. */
    static final int MIN_IMAGE_BYTES = 100;

    private final CapacityRun run = CapacityRuns.create(SimulationSettings.fromSystemProperties());

    // Screenshot jobs: pages of fictional casino and betting sites, crossed with capture types and formats.
    // The chromium backend captures real pages, so it gets jobs on the stub's own fixture site instead.
    private final FeederBuilder<String> jobs = usesFixtureSite()
            ? csv("feeders/fixture-jobs.csv").circular()
            : csv("feeders/screenshot-jobs.csv").circular();

    private final HttpProtocolBuilder httpProtocol = http
            .acceptHeader("image/png,image/jpeg;q=0.9,application/json;q=0.5")
            .userAgentHeader("shotload")
            .shareConnections();

    private final ChainBuilder capture = feed(jobs)
            .exec(session -> session.set("requestStartMillis", System.currentTimeMillis()))
            .exec(http("#{type} #{format}")
                    .get(session -> run.baseUrl() + "/screenshot")
                    .queryParamMap(this::captureParameters)
                    .check(
                            status().saveAs("httpStatus"),
                            responseTimeInMillis().saveAs("responseTimeMillis"),
                            bodyLength().saveAs("bodyBytes"),
                            header("Server-Timing").optional().saveAs("serverTiming"),
                            status().is(200),
                            header("Content-Type").isEL("image/#{format}"),
                            bodyBytes().transform(ImageSignature::detect).isEL("#{format}"),
                            bodyLength().gte(MIN_IMAGE_BYTES)));

    private ScenarioBuilder screenshotUsers(ScenarioSpec spec) {
        String name = spec.name();
        return scenario(name)
                .exec(session -> session.set("admitted", run.enterScenario(name)))
                .stopLoadGeneratorIf(session -> run.stopReason(), session -> !session.getBoolean("admitted"))
                .group(name).on(capture)
                .exec(session -> record(name, session))
                .doIf(session -> run.windowOpen(name)).then(pause(spec.thinkTime()))
                .exec(session -> {
                    run.leaveScenario(name);
                    return session;
                });
    }

    // Offers the recommended throughput as Poisson arrivals: candidates come at the maximum rate and each
    // is admitted with the probability that thins them to the recommended rate.
    private PopulationBuilder openValidation(SimulationSettings.OpenValidation validation) {
        String name = OpenValidationRun.SCENARIO_NAME;
        return scenario(name)
                .exec(session -> session.set("admitted", run.admitValidationArrival()))
                .doIf(session -> session.getBoolean("admitted")).then(
                        group(name).on(capture)
                                .exec(session -> record(name, session))
                                .exec(session -> {
                                    run.leaveScenario(name);
                                    return session;
                                }))
                .injectOpen(constantUsersPerSec(validation.maxArrivalRatePerSecond())
                        .during(validation.durationSeconds())
                        .randomized());
    }

    private static PopulationBuilder closedModel(ScenarioBuilder scenario, ScenarioSpec spec) {
        int steadySeconds = spec.steadySeconds();
        ClosedInjectionStep steady = constantConcurrentUsers(spec.users()).during(steadySeconds);
        if (spec.rampUpSeconds() == 0) {
            return scenario.injectClosed(steady);
        }
        return scenario.injectClosed(rampConcurrentUsers(0).to(spec.users()).during(spec.rampUpSeconds()), steady);
    }

    {
        List<ScenarioSpec> specs = run.settings().plan().scenarios();
        PopulationBuilder chain = run.settings().openValidation().enabled()
                ? openValidation(run.settings().openValidation())
                : null;
        for (int i = specs.size() - 1; i >= 0; i--) {
            PopulationBuilder level = closedModel(screenshotUsers(specs.get(i)), specs.get(i));
            chain = chain == null ? level : level.andThen(chain);
        }
        setUp(chain).protocols(httpProtocol);
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        int exitCode = run.finish(getClass().getSimpleName(), CapacityRuns.gatlingVersion());
        CapacityRuns.applyExitCode(run.settings(), exitCode);
    }

    private Session record(String scenario, Session session) {
        long startMillis = session.getLong("requestStartMillis");
        long responseTimeMillis = session.contains("responseTimeMillis")
                ? session.getLong("responseTimeMillis")
                : System.currentTimeMillis() - startMillis;
        int httpStatus = session.contains("httpStatus") ? session.getInt("httpStatus") : 0;
        long bodyBytes = session.contains("bodyBytes") ? session.getLong("bodyBytes") : 0;
        String serverTiming = session.contains("serverTiming") ? session.getString("serverTiming") : null;
        run.recordResponse(scenario, startMillis + responseTimeMillis, responseTimeMillis, httpStatus, bodyBytes,
                !session.isFailed(), serverTiming);
        return session;
    }

    private boolean usesFixtureSite() {
        return run.settings().backend().equals(SimulationSettings.CHROMIUM_BACKEND);
    }

    private Map<String, Object> captureParameters(Session session) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        // A fixture job has a path on the stub, such as /fixtures/lobby.html; other jobs have a full URL.
        String url = usesFixtureSite() ? run.baseUrl() + session.getString("path") : session.getString("url");
        parameters.put("url", url);
        parameters.put("type", session.getString("type"));
        String selector = session.getString("selector");
        if (selector != null && !selector.isEmpty()) {
            parameters.put("selector", selector);
        }
        parameters.put("format", session.getString("format"));
        parameters.put("width", session.getString("width"));
        parameters.put("height", session.getString("height"));
        return parameters;
    }
}
