package io.shotload.analysis;

/** A scenario's metrics with its stability score, as the breaking-point rule reads them. */
public record ScoredScenario(ScenarioMetrics metrics, StabilityScore stability) {}
