package dev.assay.plugins.essay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers with units in prose: "356 s", "356 seconds", "5 min 56 s" (= 356 s), "94 %", "94 percent". */
final class Quantities {
    /** A value in a base unit (s for durations, % for percentages), and where it was written. */
    record Quantity(double value, String unit, int start, int end) {
    }

    private static final String NUM = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern MIN_SEC = Pattern.compile("(?i)" + NUM + "\\s*(?:min|mins|minutes?|m)\\s*(?:and\\s*)?" + NUM
            + "\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern SECONDS = Pattern.compile("(?i)" + NUM + "\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern MINUTES = Pattern.compile("(?i)" + NUM + "\\s*(?:min|mins|minutes?)\\b");
    private static final Pattern HOURS = Pattern.compile("(?i)" + NUM + "\\s*(?:h|hrs?|hours?)\\b");
    private static final Pattern PERCENT = Pattern.compile("(?i)" + NUM + "\\s*(?:%|percent\\b|per\\s*cent\\b)");

    private Quantities() {
    }

    static List<Quantity> in(String text) {
        List<Quantity> out = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        Matcher m = MIN_SEC.matcher(text);
        while (m.find()) {
            out.add(new Quantity(num(m.group(1)) * 60 + num(m.group(2)), "s", m.start(), m.end()));
            taken.add(new int[]{m.start(), m.end()});
        }
        add(out, taken, SECONDS.matcher(text), 1, "s");
        add(out, taken, MINUTES.matcher(text), 60, "s");
        add(out, taken, HOURS.matcher(text), 3600, "s");
        add(out, taken, PERCENT.matcher(text), 1, "%");
        return out;
    }

    private static void add(List<Quantity> out, List<int[]> taken, Matcher m, double factor, String unit) {
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (taken.stream().anyMatch(t -> s < t[1] && e > t[0])) {
                continue;
            }
            out.add(new Quantity(num(m.group(1)) * factor, unit, s, e));
            taken.add(new int[]{s, e});
        }
    }

    private static double num(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }

    /** The base unit of a unit written in a configuration. */
    static String baseUnit(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "s", "sec", "second", "seconds", "min", "minute", "minutes", "h", "hour", "hours" -> "s";
            case "%", "percent" -> "%";
            default -> u;
        };
    }
}
