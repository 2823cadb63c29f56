package io.shotload.report;

import java.util.Locale;

/** Number formatting shared by the Markdown and console summaries; {@code null} shows as "n/a". */
final class Format {

    static final String NOT_AVAILABLE = "n/a";

    private Format() {}

    static String number(Double value, int decimals) {
        return value == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String integer(Number value) {
        return value == null ? NOT_AVAILABLE : String.valueOf(value.longValue());
    }

    static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 60 ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60) : whole + " s";
    }
}
