package io.shotload.analysis;

/** Small numeric helpers that keep NaN and infinities out of results. */
final class Numbers {

    private Numbers() {}

    /** Returns {@code value}, or {@code null} when it is NaN or infinite. */
    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Returns {@code numerator / denominator}, or {@code null} when the denominator is not positive. */
    static Double ratioOrNull(double numerator, double denominator) {
        return denominator > 0 ? finiteOrNull(numerator / denominator) : null;
    }

    static double clamp01(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /** Rounds to {@code digits} decimal places, for numbers shown to people. */
    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
