package io.shotload.analysis;

/**
 * The scenario with the highest steady throughput among those within every production target and
 * before any breaking point; ties go to the fewer users.
 *
 * @param scenario its name
 * @param users its planned concurrent users
 * @param throughputSteadyRps its successful responses per second over the steady window
 */
public record OptimalConcurrency(String scenario, int users, double throughputSteadyRps) {}
