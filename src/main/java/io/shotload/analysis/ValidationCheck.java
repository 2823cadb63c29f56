package io.shotload.analysis;

/**
 * One check of whether the run's data supports a verdict.
 *
 * @param check a stable name such as {@code responses_recorded} or {@code littles_law}
 * @param status the outcome
 * @param message what was found, and what to do when it is not {@code passed}
 */
public record ValidationCheck(String check, CheckStatus status, String message) {}
