package dev.assay.plugins.tokens;

import java.util.ArrayList;
import java.util.List;

/** Token-level edit distance with its alignment: which tokens match, are wrong, missing or extra. */
final class Alignment {
    enum Op { MATCH, WRONG, MISSING, EXTRA }

    /** One step: the expected token (null when extra) against the answer's (null when missing). */
    record Step(Op op, String expected, String given) {
    }

    final List<Step> steps;
    final int distance;

    private Alignment(List<Step> steps, int distance) {
        this.steps = steps;
        this.distance = distance;
    }

    static Alignment of(List<String> expected, List<String> given) {
        int n = expected.size();
        int m = given.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int sub = d[i - 1][j - 1] + (expected.get(i - 1).equals(given.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        List<Step> steps = new ArrayList<>();
        int i = n;
        int j = m;
        // Backtrack from the end. Among equally short alignments prefer, in order: a match, an extra
        // token, a missing one, a wrong one; read forwards, substitutions then come first ("the" for
        // "a") and extras after them ("big"), which is how people read the difference.
        while (i > 0 || j > 0) {
            boolean same = i > 0 && j > 0 && expected.get(i - 1).equals(given.get(j - 1));
            if (same && d[i][j] == d[i - 1][j - 1]) {
                steps.add(0, new Step(Op.MATCH, expected.get(i - 1), given.get(j - 1)));
                i--;
                j--;
            } else if (j > 0 && d[i][j] == d[i][j - 1] + 1) {
                steps.add(0, new Step(Op.EXTRA, null, given.get(j - 1)));
                j--;
            } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
                steps.add(0, new Step(Op.MISSING, expected.get(i - 1), null));
                i--;
            } else {
                steps.add(0, new Step(Op.WRONG, expected.get(i - 1), given.get(j - 1)));
                i--;
                j--;
            }
        }
        return new Alignment(steps, d[n][m]);
    }

    boolean has(Op op) {
        return steps.stream().anyMatch(s -> s.op() == op);
    }

    /** The two sequences side by side, as a Markdown table. */
    String table() {
        StringBuilder b = new StringBuilder("| | expected | yours |\n|---|---|---|\n");
        for (Step s : steps) {
            String mark = switch (s.op()) {
                case MATCH -> "✓";
                case WRONG -> "✗ wrong token";
                case MISSING -> "✗ missing";
                case EXTRA -> "✗ extra";
            };
            b.append("| ").append(mark).append(" | ").append(code(s.expected())).append(" | ").append(code(s.given())).append(" |\n");
        }
        return b.toString();
    }

    static String code(String token) {
        return token == null ? "—" : "`" + token.replace("`", "'").replace("|", "\\|") + "`";
    }
}
