package dev.assay.engine.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.grading.AnswerSizeCheck;
import dev.assay.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a course pack from a folder or a zip: {@code pack.yaml} (or {@code .json}), one file per
 * question under {@code questions/}, any other files as resources. Sizes are capped before any parser sees a
 * byte (each pack and question file, and the whole pack; a zip's entries by what they really inflate to, not
 * what their headers say), zip paths are checked, and every problem is collected with its file and field before
 * the pack is refused.
 */
public final class PackReader {
    public static final long MAX_PACK_BYTES = 64L * 1024 * 1024;
    /**
     * The most one pack or question file (YAML or JSON) may hold, and all of them together. A question with a long
     * prompt and many tests is tens of KiB. YAML parsing is slow on long lines (a 1 MiB single-line scalar takes about
     * a second), so these bound what a pack costs to parse to a few seconds.
     */
    public static final int MAX_STRUCTURED_FILE_BYTES = Json.MAX_YAML_BYTES;
    public static final long MAX_STRUCTURED_BYTES = 8L * 1024 * 1024;
    public static final int MAX_FILES = 5_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern QUESTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    /** The files a parser reads, also inside the one folder a zip may wrap the pack in. */
    private static final Pattern STRUCTURED_PACK_FILE =
            Pattern.compile("(?:[^/]+/)?(?:pack\\.(?:yaml|yml|json)|questions/.+\\.(?:yaml|yml|json))");

    private PackReader() {
    }

    /** A pack folder, or a {@code .zip} of one. */
    public static CoursePack read(Path path) throws PackException {
        if (Files.isDirectory(path)) {
            return parse(readFolder(path));
        }
        if (Files.isRegularFile(path)) {
            try {
                long size = Files.size(path);
                if (size > MAX_PACK_BYTES) {
                    throw new PackException(path.toString(), "the zip is " + AnswerSizeCheck.size(size)
                            + "; a pack may hold at most " + AnswerSizeCheck.size(MAX_PACK_BYTES));
                }
                return readZip(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new PackException(path.toString(), "cannot read: " + e.getMessage());
            }
        }
        throw new PackException(path.toString(), "no such folder or zip file");
    }

    public static CoursePack readZip(byte[] zip) throws PackException {
        return parse(unzip(zip));
    }

    static SortedMap<String, byte[]> readFolder(Path root) throws PackException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        SizeBudget budget = new SizeBudget();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue; // hidden files: editor swap files, .DS_Store
                }
                if (files.size() >= MAX_FILES) {
                    throw new PackException(rel, "the pack has more than " + MAX_FILES + " files");
                }
                budget.checkSize(rel, Files.size(p));
                try (InputStream in = Files.newInputStream(p)) {
                    files.put(rel, budget.read(in, rel)); // bounded again: a file that grew since is refused, not read
                }
            }
        } catch (IOException e) {
            throw new PackException(root.toString(), "cannot read: " + e.getMessage());
        }
        return files;
    }

    static SortedMap<String, byte[]> unzip(byte[] zip) throws PackException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        SizeBudget budget = new SizeBudget();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            boolean any = false;
            while ((e = in.getNextEntry()) != null) {
                any = true;
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../") || name.contains(":")) {
                    throw new PackException(name, "unsafe path in the zip: paths must be relative and stay inside the pack");
                }
                if (files.size() >= MAX_FILES) {
                    throw new PackException(name, "the zip has more than " + MAX_FILES + " files");
                }
                files.put(name, budget.read(in, name)); // by what it inflates to: the header's size is not trusted
            }
            if (!any) {
                throw new PackException("(upload)", "this is not a zip file, or it is empty");
            }
        } catch (IOException e) {
            throw new PackException("(upload)", "not a readable zip file: " + e.getMessage());
        }
        return stripCommonFolder(files);
    }

    /**
     * What is left of a pack's size limits as its files are read: each file's own, the pack's and the parsed files'
     * in all. Reading stops at the first byte over a limit, so a zip bomb costs no more than the limit.
     */
    private static final class SizeBudget {
        private long packLeft = MAX_PACK_BYTES;
        private long structuredLeft = MAX_STRUCTURED_BYTES;

        /** Refuses a file whose size is known before it is read (a folder's) with its size. */
        void checkSize(String name, long size) throws PackException {
            check(name, size, true);
        }

        byte[] read(InputStream in, String name) throws IOException, PackException {
            byte[] buf = new byte[8192];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                long size = out.size() + (long) n;
                check(name, size, false);
                out.write(buf, 0, n);
            }
            packLeft -= out.size();
            if (isStructured(name)) {
                structuredLeft -= out.size();
            }
            return out.toByteArray();
        }

        /** {@code sizeKnown}: the file's whole size, else how far it was read before it went over. */
        private void check(String name, long size, boolean sizeKnown) throws PackException {
            boolean structured = isStructured(name);
            if (structured && size > MAX_STRUCTURED_FILE_BYTES) {
                throw tooLarge(name, size, sizeKnown, MAX_STRUCTURED_FILE_BYTES, "a pack or question file may be at most ");
            }
            if (size > MAX_PACK_BYTES) {
                throw tooLarge(name, size, sizeKnown, MAX_PACK_BYTES, "a pack may hold at most ");
            }
            if (structured && size > structuredLeft) {
                throw new PackException(name, "with this file the pack and question files are larger than their limit of "
                        + AnswerSizeCheck.size(MAX_STRUCTURED_BYTES) + " in all");
            }
            if (size > packLeft) {
                throw new PackException(name, "with this file the pack is larger than its limit of "
                        + AnswerSizeCheck.size(MAX_PACK_BYTES));
            }
        }

        private static PackException tooLarge(String name, long size, boolean sizeKnown, long limit, String rule) {
            return new PackException(name, "the file is " + (sizeKnown ? AnswerSizeCheck.size(size)
                    : "larger than " + AnswerSizeCheck.size(limit)) + "; " + rule + AnswerSizeCheck.size(limit));
        }

        private static boolean isStructured(String name) {
            return STRUCTURED_PACK_FILE.matcher(name).matches();
        }
    }

    /** A zip of the folder {@code hw7/} holds {@code hw7/pack.yaml}: read it as {@code pack.yaml}. */
    private static SortedMap<String, byte[]> stripCommonFolder(SortedMap<String, byte[]> files) {
        if (files.containsKey("pack.yaml") || files.containsKey("pack.json") || files.isEmpty()) {
            return files;
        }
        String first = files.firstKey();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String prefix = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
            return files;
        }
        SortedMap<String, byte[]> stripped = new TreeMap<>();
        files.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
        return stripped;
    }

    record QuestionFile(String id, String title, String prompt, Double points, String plugin, ObjectNode config,
                        String expectedApproach, List<TestFile> tests) {
    }

    record TestFile(String name, String answer, Map<String, String> files, Double score, List<String> notes,
                    List<String> feedback) {
    }

    static CoursePack parse(SortedMap<String, byte[]> files) throws PackException {
        List<PackProblem> problems = new ArrayList<>();
        String manifestName = files.containsKey("pack.yaml") ? "pack.yaml" : files.containsKey("pack.yml") ? "pack.yml"
                : files.containsKey("pack.json") ? "pack.json" : null;
        if (manifestName == null) {
            throw new PackException("pack.yaml", "missing: a pack needs a pack.yaml at its root (id, title, version, assignments)");
        }
        PackManifest manifest = parseFile(manifestName, files.get(manifestName), PackManifest.class, problems);
        if (manifest == null) {
            throw new PackException(problems);
        }
        checkManifest(manifestName, manifest, problems);

        List<QuestionDef> questions = new ArrayList<>();
        SortedMap<String, PackFile> resources = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> declaredIds = new HashSet<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (name.equals(manifestName)) {
                continue;
            }
            if (name.startsWith("questions/") && isStructured(name)) {
                QuestionFile qf = parseFile(name, f.getValue(), QuestionFile.class, problems);
                if (qf == null) {
                    idOfUnreadable(name, f.getValue()).ifPresent(declaredIds::add);
                } else {
                    if (qf.id() != null) {
                        declaredIds.add(qf.id());
                    }
                    QuestionDef q = checkQuestion(name, qf, manifest.id(), files, problems);
                    if (q != null) {
                        if (!ids.add(q.id())) {
                            problems.add(new PackProblem(name, "id", "'" + q.id() + "' is used by another question file too"));
                        }
                        questions.add(q);
                    }
                }
            } else {
                resources.put(name, new PackFile(name, f.getValue()));
            }
        }
        for (int i = 0; i < manifest.assignments().size(); i++) {
            AssignmentDef a = manifest.assignments().get(i);
            for (int j = 0; j < a.questions().size(); j++) {
                String ref = a.questions().get(j);
                if (!declaredIds.contains(ref)) {
                    problems.add(new PackProblem(manifestName, "assignments[" + i + "].questions[" + j + "]",
                            "no question has the id '" + ref + "'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
        questions.sort(java.util.Comparator.comparing(QuestionDef::id));
        return new CoursePack(manifest, questions, resources);
    }

    /** The id of a question file that did not bind, so that references to it are not reported twice. */
    private static java.util.Optional<String> idOfUnreadable(String name, byte[] content) {
        try {
            ObjectMapper mapper = name.endsWith(".json") ? Json.json() : Json.yaml();
            return java.util.Optional.ofNullable(mapper.readTree(content).path("id").textValue());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isStructured(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static <T> T parseFile(String name, byte[] content, Class<T> type, List<PackProblem> problems) {
        ObjectMapper mapper = name.endsWith(".json") ? Json.json() : Json.yaml();
        try {
            T value = mapper.readValue(content, type);
            if (value == null) {
                problems.add(new PackProblem(name, "", "the file is empty"));
            }
            return value;
        } catch (JsonMappingException e) {
            problems.add(new PackProblem(name, JsonPaths.path(e), JsonPaths.message(e)));
        } catch (JsonProcessingException e) {
            problems.add(new PackProblem(name, "", JsonPaths.message(e)));
        } catch (IOException e) {
            problems.add(new PackProblem(name, "", "cannot read: " + e.getMessage()));
        }
        return null;
    }

    private static void checkManifest(String file, PackManifest m, List<PackProblem> problems) {
        if (m.id() == null || !ID.matcher(m.id()).matches()) {
            problems.add(new PackProblem(file, "id", "needs an id of letters, digits, '.', '_' or '-' (e.g. hw7)"));
        }
        if (m.title() == null || m.title().isBlank()) {
            problems.add(new PackProblem(file, "title", "needs a title"));
        }
        if (m.version() == null || m.version().isBlank()) {
            problems.add(new PackProblem(file, "version", "needs a version (e.g. 1.0)"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < m.assignments().size(); i++) {
            AssignmentDef a = m.assignments().get(i);
            if (a.id() == null || !ID.matcher(a.id()).matches()) {
                problems.add(new PackProblem(file, "assignments[" + i + "].id", "needs an id of letters, digits, '.', '_' or '-'"));
            } else if (!seen.add(a.id())) {
                problems.add(new PackProblem(file, "assignments[" + i + "].id", "'" + a.id() + "' is used twice"));
            }
        }
    }

    private static QuestionDef checkQuestion(String file, QuestionFile qf, String packId, Map<String, byte[]> files,
                                             List<PackProblem> problems) {
        int before = problems.size();
        if (qf.id() == null || qf.id().isBlank()) {
            problems.add(new PackProblem(file, "id", "needs an id of the form " + packId + "/<name>"));
        } else if (packId != null && (!qf.id().startsWith(packId + "/")
                || !QUESTION_NAME.matcher(qf.id().substring(packId.length() + 1)).matches())) {
            problems.add(new PackProblem(file, "id", "'" + qf.id() + "' must have the form " + packId
                    + "/<name>, the name in letters, digits, '.', '_' or '-'"));
        }
        if (qf.plugin() == null || qf.plugin().isBlank()) {
            problems.add(new PackProblem(file, "plugin", "needs the id of the grader plugin (./assay plugins lists them)"));
        }
        if (qf.points() == null || !Double.isFinite(qf.points()) || !(qf.points() > 0)) {
            problems.add(new PackProblem(file, "points", "needs a finite number of points greater than 0"
                    + (qf.points() == null ? "" : ", not " + qf.points())));
        }
        List<QuestionTest> tests = new ArrayList<>();
        List<TestFile> tfs = qf.tests() == null ? List.of() : qf.tests();
        for (int i = 0; i < tfs.size(); i++) {
            TestFile t = tfs.get(i);
            String at = "tests[" + i + "]";
            if (t == null) {
                problems.add(new PackProblem(file, at, "empty test"));
                continue;
            }
            if (t.answer() == null) {
                problems.add(new PackProblem(file, at + ".answer", "needs the sample answer (may be \"\")"));
            }
            if (t.score() == null || !(t.score() >= 0 && t.score() <= 1)) { // NaN fails both
                problems.add(new PackProblem(file, at + ".score", "needs the expected score as a fraction in [0, 1]"));
            }
            if (t.files() != null) {
                t.files().forEach((name, path) -> {
                    if (path == null || !files.containsKey(CoursePack.normalise(path))) {
                        problems.add(new PackProblem(file, at + ".files." + name, "no file '" + path + "' in the pack"));
                    }
                });
            }
            tests.add(new QuestionTest(t.name(), t.answer(), t.files(), t.score() == null ? 0 : t.score(), t.notes(),
                    t.feedback()));
        }
        if (problems.size() > before) {
            return null;
        }
        return new QuestionDef(qf.id(), qf.title(), qf.prompt(), qf.points(), qf.plugin(), qf.config(),
                qf.expectedApproach(), tests);
    }
}
