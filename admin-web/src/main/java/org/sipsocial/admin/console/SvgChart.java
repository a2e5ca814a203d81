package org.sipsocial.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Draws a small line chart of one quantity over a time window as the coordinates of an SVG {@code polyline}
 * ({@code chart.jte} writes the {@code <svg>} itself, on the server: no script draws it). Time runs left to right
 * across {@link #WIDTH}; values from zero at the bottom to the window's peak near the top of {@link #HEIGHT}.
 */
final class SvgChart {
    static final int WIDTH = 240;
    static final int HEIGHT = 60;
    /** Room above the peak, so that the line never touches the frame. */
    private static final int TOP_MARGIN = 4;

    private SvgChart() {
    }

    /**
     * The chart of {@code samples} (oldest first) over the {@code window} that ends at {@code end}: {@code points}
     * is empty when there is nothing to draw; a single sample draws a short level line ending at it.
     */
    static Pages.Chart draw(String id, String title, String unit, List<SampleRing.Sample> samples, Instant end,
            Duration window) {
        if (samples.isEmpty()) {
            return new Pages.Chart(id, title, "", "no data yet", WIDTH, HEIGHT);
        }
        double peak = samples.stream().mapToDouble(SampleRing.Sample::value).max().orElse(0);
        double scale = peak <= 0 ? 0 : (HEIGHT - TOP_MARGIN) / peak;
        Instant start = end.minus(window);
        StringBuilder points = new StringBuilder();
        for (SampleRing.Sample sample : samples) {
            double x = WIDTH * (double) Duration.between(start, sample.at()).toMillis() / window.toMillis();
            point(points, Math.max(0, Math.min(WIDTH, x)), HEIGHT - sample.value() * scale);
        }
        if (samples.size() == 1) {
            SampleRing.Sample only = samples.get(0);
            String single = points.toString();
            points.setLength(0);
            double x = WIDTH * (double) Duration.between(start, only.at()).toMillis() / window.toMillis();
            point(points, Math.max(0, Math.min(WIDTH, x) - 4), HEIGHT - only.value() * scale);
            points.append(' ').append(single);
        }
        double latest = samples.get(samples.size() - 1).value();
        String caption = "now " + number(latest) + unit + ", peak " + number(peak) + unit;
        return new Pages.Chart(id, title, points.toString(), caption, WIDTH, HEIGHT);
    }

    private static void point(StringBuilder points, double x, double y) {
        if (points.length() > 0) {
            points.append(' ');
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }

    /** Whole numbers without decimals; others with one. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
