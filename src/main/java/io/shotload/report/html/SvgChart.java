package io.shotload.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An x-y chart rendered as inline SVG: linear axes with rounded ticks, line and point series, vertical
 * markers and a legend. Colours are SVG presentation attributes rather than CSS, so the chart still draws
 * where a Content Security Policy blocks inline styles, as Jenkins' HTML Publisher does by default.
 *
 * <p>Every series element carries {@code class="series"} and {@code data-series="<name>"}, and the
 * {@code svg} carries {@code data-chart="<id>"}, so tests can find what was drawn. Non-finite values are
 * skipped. An empty chart draws its axes and the note "no data".
 */
final class SvgChart {

    /** Drawing style of a series. */
    enum Style { LINE, POINTS, HOLLOW_POINTS, LINE_AND_POINTS, DASHED_LINE }

    /** One series; {@code x} and {@code y} have the same length. */
    record Series(String name, String color, Style style, double[] x, double[] y) {}

    /** A vertical line at {@code x} with a label, such as N*. */
    record Marker(String label, String color, double x) {}

    /** A horizontal line at {@code y} with a label, such as a threshold. */
    record Threshold(String label, String color, double y) {}

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 48;
    private static final int TICKS = 5;

    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Threshold> thresholds = new ArrayList<>();
    private Double fixedMaxY;

    SvgChart(String id, String title, String xLabel, String yLabel) {
        this.id = id;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart add(Series added) {
        series.add(added);
        return this;
    }

    SvgChart marker(Marker marker) {
        markers.add(marker);
        return this;
    }

    /** Fixes the top of the y axis, for a bounded quantity such as a score from 0 to 1. */
    SvgChart maxY(double max) {
        fixedMaxY = max;
        return this;
    }

    SvgChart threshold(Threshold threshold) {
        thresholds.add(threshold);
        return this;
    }

    /** Renders the chart; the y axis starts at 0 and so does the x axis unless a value is negative. */
    String render() {
        double maxX = 0;
        double minX = 0;
        double maxY = 0;
        boolean any = false;
        for (Series one : series) {
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isFinite(one.x()[i]) && Double.isFinite(one.y()[i])) {
                    maxX = Math.max(maxX, one.x()[i]);
                    minX = Math.min(minX, one.x()[i]);
                    maxY = Math.max(maxY, one.y()[i]);
                    any = true;
                }
            }
        }
        for (Marker marker : markers) {
            maxX = Math.max(maxX, marker.x());
        }
        for (Threshold threshold : thresholds) {
            maxY = Math.max(maxY, threshold.y());
        }
        Axis xAxis = Axis.of(minX, maxX > minX ? maxX : minX + 1);
        Axis yAxis = fixedMaxY != null ? Axis.of(0, fixedMaxY) : Axis.of(0, maxY > 0 ? maxY * 1.05 : 1);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"").append(Html.escape(id))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>\n");
        text(svg, WIDTH / 2.0, 20, "middle", "14", "bold", title);
        axes(svg, xAxis, yAxis);
        for (Threshold threshold : thresholds) {
            double y = yPixel(yAxis, threshold.y());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/>%n", LEFT, y, WIDTH - RIGHT, y, Html.escape(threshold.color())));
            text(svg, WIDTH - RIGHT - 4, y - 4, "end", "11", "normal", threshold.label());
        }
        for (Marker marker : markers) {
            double x = xPixel(xAxis, marker.x());
            svg.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>%n", x, TOP, x, HEIGHT - BOTTOM,
                    Html.escape(marker.color())));
            text(svg, x + 4, TOP + 12, "start", "11", "normal", marker.label());
        }
        for (Series one : series) {
            drawSeries(svg, one, xAxis, yAxis);
        }
        legend(svg);
        if (!any) {
            text(svg, WIDTH / 2.0, HEIGHT / 2.0, "middle", "13", "normal", "no data");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(StringBuilder svg, Axis xAxis, Axis yAxis) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n",
                LEFT, TOP, LEFT, bottom));
        for (double tick : xAxis.ticks()) {
            double x = xPixel(xAxis, tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#333333\"/>%n", x, bottom, x, bottom + 4));
            text(svg, x, bottom + 16, "middle", "11", "normal", Axis.label(tick));
        }
        for (double tick : yAxis.ticks()) {
            double y = yPixel(yAxis, tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#e5e5e5\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            text(svg, LEFT - 6, y + 4, "end", "11", "normal", Axis.label(tick));
        }
        text(svg, (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, "middle", "12", "normal", xLabel);
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
                + "font-family=\"sans-serif\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, Html.escape(yLabel)));
    }

    private static void drawSeries(StringBuilder svg, Series one, Axis xAxis, Axis yAxis) {
        String color = Html.escape(one.color());
        String name = Html.escape(one.name());
        boolean line = one.style() == Style.LINE || one.style() == Style.LINE_AND_POINTS
                || one.style() == Style.DASHED_LINE;
        if (line) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isFinite(one.x()[i]) && Double.isFinite(one.y()[i])) {
                    path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                            xPixel(xAxis, one.x()[i]), yPixel(yAxis, one.y()[i])));
                }
            }
            if (path.length() > 0) {
                svg.append("<path class=\"series\" data-series=\"").append(name).append("\" d=\"").append(path)
                        .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"")
                        .append(one.style() == Style.DASHED_LINE ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            }
        }
        if (one.style() == Style.POINTS || one.style() == Style.HOLLOW_POINTS || one.style() == Style.LINE_AND_POINTS) {
            boolean hollow = one.style() == Style.HOLLOW_POINTS;
            for (int i = 0; i < one.x().length; i++) {
                if (Double.isFinite(one.x()[i]) && Double.isFinite(one.y()[i])) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"series\" data-series=\"%s\" cx=\"%.1f\" "
                            + "cy=\"%.1f\" r=\"%s\" fill=\"%s\" stroke=\"%s\"/>%n", name, xPixel(xAxis, one.x()[i]),
                            yPixel(yAxis, one.y()[i]), hollow ? "3" : "4", hollow ? "none" : color, color));
                }
            }
        }
    }

    private void legend(StringBuilder svg) {
        double y = TOP + 4;
        for (Series one : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"4\" fill=\"%s\"/>%n",
                    LEFT + 10, y, Html.escape(one.color())));
            text(svg, LEFT + 28, y + 5, "start", "11", "normal", one.name());
            y += 15;
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String size, String weight,
            String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\" "
                + "font-weight=\"%s\" font-family=\"sans-serif\">%s</text>%n", x, y, anchor, size, weight,
                Html.escape(content)));
    }

    private static double xPixel(Axis axis, double value) {
        return LEFT + (value - axis.min()) / (axis.max() - axis.min()) * (WIDTH - LEFT - RIGHT);
    }

    private static double yPixel(Axis axis, double value) {
        return HEIGHT - BOTTOM - (value - axis.min()) / (axis.max() - axis.min()) * (HEIGHT - TOP - BOTTOM);
    }

    /** A linear axis from {@code min} to {@code max}, widened to whole multiples of a 1-2-5 tick step. */
    record Axis(double min, double max, double step) {

        static Axis of(double low, double high) {
            double step = niceStep((high - low) / TICKS);
            return new Axis(Math.floor(low / step) * step, Math.ceil(high / step) * step, step);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double tick = min; tick <= max + step / 2; tick += step) {
                ticks.add(Math.abs(tick) < step * 1e-9 ? 0.0 : tick);
            }
            return ticks;
        }

        static String label(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e12) {
                return String.valueOf((long) value);
            }
            return String.format(Locale.ROOT, "%.3g", value);
        }

        /** Returns 1, 2 or 5 times a power of ten, the smallest such step at least {@code raw}. */
        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double factor : new double[] {1, 2, 5, 10}) {
                if (factor * magnitude >= raw * (1 - 1e-9)) {
                    return factor * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }
}
