package dev.assay.plugins.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols of a question and every way a student may spell them: {@code W_2}, {@code W_{2}},
 * {@code W2}, {@code \mathbf{W}_2}, declared aliases. Dimension names are scalar symbols too.
 */
public final class Symbols {
    /** A matrix symbol's shape, in dimension names; null rows/cols for a scalar. */
    public record Shape(String rows, String cols) {
        public static final Shape SCALAR = new Shape(null, null);

        public boolean scalar() {
            return rows == null;
        }

        @Override
        public String toString() {
            return scalar() ? "scalar" : rows + "×" + cols;
        }
    }

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, String> spellings = new LinkedHashMap<>();
    private List<String> bySpellingLength = List.of();

    public void declare(String name, Shape shape, List<String> aliases) {
        shapes.put(name, shape);
        spell(name, name);
        String n = Lexer.normalise(name);
        int underscore = n.indexOf('_');
        if (underscore > 0 && n.substring(underscore + 1).matches("[0-9]+")) {
            spell(n.substring(0, underscore) + n.substring(underscore + 1), name);
        }
        for (String a : aliases) {
            spell(a, name);
        }
        bySpellingLength = spellings.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** These symbols and the student's own abbreviation {@code name} (a local definition); this set is left as it is. */
    Symbols with(String name, Shape shape) {
        Symbols s = new Symbols();
        s.shapes.putAll(shapes);
        s.spellings.putAll(spellings);
        s.declare(name, shape, List.of());
        return s;
    }

    private void spell(String spelling, String name) {
        spellings.put(Lexer.normalise(spelling), name);
    }

    public boolean has(String name) {
        return shapes.containsKey(name);
    }

    public Shape shape(String name) {
        return shapes.get(name);
    }

    public List<String> names() {
        return new ArrayList<>(shapes.keySet());
    }

    /** The longest spelling that starts at {@code pos}, or null. */
    String match(String input, int pos) {
        for (String s : bySpellingLength) {
            if (input.startsWith(s, pos)) {
                return s;
            }
        }
        return null;
    }

    String nameOf(String spelling) {
        return spellings.get(spelling);
    }

    /** "m x n", "m×n", "m*n" → shape; "scalar" or "1" → scalar. */
    public static Shape parseShape(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("scalar") || t.equals("1") || t.equals("1x1")) {
            return Shape.SCALAR;
        }
        String[] parts = t.split("\\s*[x×*,]\\s*");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not a shape; write rows x cols, e.g. m x n");
        }
        return new Shape(parts[0], parts[1]);
    }
}
