package dev.assay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * The answers of the cluster test's regrade bench (issue 16), written straight into PostgreSQL (the issue allows it: the
 * API would take minutes to take 100,000): real hw7 answers of the questions that do not train a model (the pack's
 * question tests and the engine's hw7 cases), varied per student (spacing, case, a right form turned wrong, words around
 * an essay's numbers), so that the answers are not a handful of strings a cache could answer. Each answer gets a plugin
 * grade that is an ERROR, the grade a regrade is for (a plugin that failed or timed out): so the regrade of the
 * assignment grades every one of them again, with no configuration change, and {@link #reset} makes them need it again
 * for the next round. Students, answers and grades are each one COPY, in one transaction.
 */
final class RegradeSeed {
    /** The plugin that trains a model per answer: not in the bench (the goal is for the others). */
    static final String TRAINING = "autoencoder-dl4j";

    /** Question id → plugin and base answers. */
    record Question(String id, String plugin, long configId, List<String> answers) {
    }

    final long firstSubmission;
    final long firstGrade;
    final int answers;
    final int distinct;
    final int students;
    final Map<String, Integer> perQuestion;

    private RegradeSeed(long firstSubmission, long firstGrade, int answers, int distinct, int students, Map<String, Integer> perQuestion) {
        this.firstSubmission = firstSubmission;
        this.firstGrade = firstGrade;
        this.answers = answers;
        this.distinct = distinct;
        this.students = students;
        this.perQuestion = perQuestion;
    }

    /** The hw7 questions with their base answers, from the pack in {@code root} and the engine's hw7 cases. */
    static Map<String, Question> questions(Path root, Connection db) throws IOException, SQLException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, List<String>> answers = new LinkedHashMap<>();
        Map<String, String> plugins = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(root.resolve("deploy/packs/hw7/questions"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode q = yaml.readTree(f.toFile());
                String plugin = q.path("plugin").asText();
                if (plugin.equals(TRAINING)) {
                    continue;
                }
                String id = q.path("id").asText();
                plugins.put(id, plugin);
                for (JsonNode t : q.path("tests")) {
                    if (t.hasNonNull("answer") && !t.path("answer").asText().isBlank()) {
                        answers.computeIfAbsent(id, k -> new ArrayList<>()).add(t.path("answer").asText());
                    }
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(root.resolve("core/engine/src/test/resources/hw7/cases.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode c = json.readTree(line);
                if (plugins.containsKey(c.path("question").asText()) && !c.path("answer").asText().isBlank()) {
                    answers.computeIfAbsent(c.path("question").asText(), k -> new ArrayList<>()).add(c.path("answer").asText());
                }
            }
        }
        Map<String, Question> out = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT c.id FROM question q JOIN question_config c ON c.question_id = q.id"
                + " AND c.version = q.current_version WHERE q.id = ?")) {
            for (var e : answers.entrySet()) {
                st.setString(1, e.getKey());
                try (ResultSet r = st.executeQuery()) {
                    if (r.next()) {
                        out.put(e.getKey(), new Question(e.getKey(), plugins.get(e.getKey()), r.getLong(1), List.copyOf(new HashSet<>(e.getValue()))));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no hw7 question with answers is on the server (is the hw7 pack loaded?)");
        }
        return out;
    }

    private static final String[] ESSAY_BEFORE = {"", "I think ", "In short: ", "From the post, ", "As I read it, ", "Answer: ",
            "My answer is this. ", "Well, ", "To sum up, ", "If I remember right, "};
    private static final String[] ESSAY_AFTER = {"", " That is all.", " I hope this is right.", " (See the blog post.)", " Thanks!",
            " This is what the post says.", " I checked it twice.", " That was my reading of it."};

    /** One student's form of a base answer: the same content or a near miss, never the same string for most students. */
    static String vary(String plugin, String base, Random r) {
        String a = base;
        switch (plugin) {
            case "essay-rubric" -> {
                String before = ESSAY_BEFORE[r.nextInt(ESSAY_BEFORE.length)];
                if (!before.isEmpty() && !before.endsWith(". ") && a.length() > 1 && !a.startsWith("I ")) {
                    a = Character.toLowerCase(a.charAt(0)) + a.substring(1);
                }
                a = before + a + ESSAY_AFTER[r.nextInt(ESSAY_AFTER.length)];
            }
            case "token-sequence" -> {
                List<String> tokens = new ArrayList<>(List.of(a.trim().split("\\s+")));
                switch (r.nextInt(6)) {
                    case 1 -> tokens.replaceAll(t -> t.toLowerCase(Locale.ROOT));
                    case 2 -> tokens.replaceAll(t -> t.startsWith("<") ? t : t.toUpperCase(Locale.ROOT));
                    case 3 -> {
                        if (tokens.size() > 1) {
                            tokens.remove(tokens.size() - 1); // a wrong form: one token short
                        }
                    }
                    case 4 -> {
                        if (tokens.size() > 2) {
                            java.util.Collections.swap(tokens, 1, 2); // a wrong form: two tokens swapped
                        }
                    }
                    default -> {
                    }
                }
                a = String.join(" ", tokens);
            }
            default -> {
                if (r.nextInt(4) == 0) {
                    a = a.replaceAll("(?<=[^\\s])([+\\-=])(?=[^\\s])", " $1 "); // spaces around operators
                }
            }
        }
        // Spacing: each of the first 12 gaps one or two spaces wide, and sometimes a space at either end.
        StringBuilder spaced = new StringBuilder();
        int gap = 0;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            spaced.append(c);
            if (c == ' ' && (i + 1 == a.length() || a.charAt(i + 1) != ' ') && gap++ < 12 && r.nextBoolean()) {
                spaced.append(' ');
            }
        }
        return (r.nextInt(5) == 0 ? " " : "") + spaced + (r.nextInt(5) == 0 ? "  " : "");
    }

    /**
     * Writes {@code n} answers (and their students and ERROR grades) to the hw7 questions without training, each
     * student answering each question once; ids above those in use and the sequences moved past them.
     */
    static RegradeSeed seed(Connection db, Path root, int n, String userPrefix) throws Exception {
        Map<String, Question> questions = questions(root, db);
        List<Question> qs = List.copyOf(questions.values());
        int students = (n + qs.size() - 1) / qs.size();
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            long user0 = next(st, "app_user") + 1;
            long sub0 = next(st, "submission") + 1;
            long grade0 = next(st, "grade") + 1;
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder users = new StringBuilder();
            for (int u = 0; u < students; u++) {
                users.append(user0 + u).append(",").append(userPrefix).append(u).append(",2026-12-01 00:00:00+00\n");
            }
            copy.copyIn("COPY app_user (id, platform_user_id, created_at) FROM STDIN WITH (FORMAT csv)", new StringReader(users.toString()));
            StringBuilder subs = new StringBuilder();
            StringBuilder grades = new StringBuilder();
            Set<String> texts = new HashSet<>();
            Map<String, Integer> perQuestion = new LinkedHashMap<>();
            Random random = new Random(16);
            for (int i = 0; i < n; i++) {
                Question q = qs.get(i % qs.size());
                long user = user0 + i / qs.size();
                String text = vary(q.plugin(), q.answers().get(random.nextInt(q.answers().size())), random);
                texts.add(q.id() + "\u0000" + text);
                perQuestion.merge(q.id(), 1, Integer::sum);
                subs.append(sub0 + i).append(',').append(csv(q.id())).append(',').append(user).append(',').append(q.configId())
                        .append(',').append(csv(text)).append(",2026-12-01 00:00:00+00\n");
                grades.append(grade0 + i).append(',').append(sub0 + i).append(',').append(q.configId())
                        .append(",ERROR,0,[],[],\"{\"\"text\"\":\"\"\"\",\"\"latex\"\":\"\"\"\"}\",").append(q.plugin())
                        .append(",seeded,0,0,false,2026-12-01 00:00:00+00\n");
            }
            copy.copyIn("COPY submission (id, question_id, user_id, config_id, answer_text, created_at) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(subs.toString()));
            copy.copyIn("COPY grade (id, submission_id, config_id, status, score, notes_json, feedback_json, echo_json, plugin_id,"
                    + " plugin_version, duration_micros, seed, needs_review, graded_at) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(grades.toString()));
            RegradeSeed s = new RegradeSeed(sub0, grade0, n, texts.size(), students, perQuestion);
            s.point(st);
            // The ids' sequences past the seeded rows (the server takes blocks of 50 from them).
            for (String table : List.of("app_user", "submission", "grade")) {
                st.execute("SELECT setval('" + table + "_seq', (SELECT max(id) FROM " + table + ") + 1000)");
            }
            db.commit();
            db.setAutoCommit(true);
            st.execute("ANALYZE app_user");
            st.execute("ANALYZE submission");
            st.execute("ANALYZE grade");
            return s;
        } catch (Exception e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** Above every id of the table and every value its sequence gave out. */
    private static long next(Statement st, String table) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT greatest((SELECT coalesce(max(id), 0) FROM " + table + "),"
                + " (SELECT last_value FROM " + table + "_seq)) + 1000")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Each seeded answer's latest plugin grade and grade in force: its seeded ERROR. */
    private void point(Statement st) throws SQLException {
        st.executeUpdate("UPDATE submission SET plugin_grade_id = id + " + (firstGrade - firstSubmission) + ", grade_in_force_id = id + "
                + (firstGrade - firstSubmission) + " WHERE id BETWEEN " + firstSubmission + " AND " + (firstSubmission + answers - 1));
    }

    /**
     * The seeded answers need a regrade again: their seeded ERROR is their latest grade once more. The last round's grades
     * stay in the history (deleting 100,000 grades took minutes: each deleted row has the submissions' two unindexed
     * references to grades checked).
     */
    void reset(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            point(st);
            st.execute("VACUUM ANALYZE submission");
            st.execute("ANALYZE grade");
        }
    }
}
