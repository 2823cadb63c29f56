package io.shotload.simulation;


/** Wires a {@link CapacityRun} for the Gatling simulation. */
final class CapacityRuns {

    private CapacityRuns() {}

    static CapacityRun create(SimulationSettings settings) {
        return new CapacityRun(settings, new PostProcessingAnalyzer(settings), CapacityRuns::launch);
    }

    private static Target launch(SimulationSettings settings) {
        if (!settings.embeddedStub()) {
            return ExternalTarget.probe(settings.baseUrl());
        }
        return EmbeddedStubTarget.start(settings);
    }

    static String gatlingVersion() {
        String version = io.gatling.javaapi.core.Simulation.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /**
     * Ends the Gatling JVM with a failure status when the verdict calls for it, once Gatling has written
     * its HTML report. Throwing from {@code after()} instead would make Gatling skip the report, so a
     * shutdown hook halts the JVM with status 1 after Gatling's own exit; the Maven plugin then fails
     * the build with "Gatling failed".
     */
    static void applyExitCode(SimulationSettings settings, int exitCode) {
        boolean fail = settings.failOn().fails(exitCode);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shotload: post-processor exit code " + exitCode
                    + (fail ? "; failing the build because shotload.failOn=" + settings.failOn().name().toLowerCase()
                            : "; the build result does not depend on it (shotload.failOn="
                                    + settings.failOn().name().toLowerCase() + ")"));
            System.out.flush();
            if (fail) {
                Runtime.getRuntime().halt(1);
            }
        }, "shotload-exit-code"));
    }
}
