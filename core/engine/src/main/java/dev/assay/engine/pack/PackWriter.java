package dev.assay.engine.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assay.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a pack in the layout {@link PackReader} reads: reading it back gives the same pack. */
public final class PackWriter {
    private static final java.time.LocalDateTime ZIP_EPOCH = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    private PackWriter() {
    }

    public static SortedMap<String, byte[]> files(CoursePack pack) {
        SortedMap<String, byte[]> out = new TreeMap<>();
        out.put("pack.yaml", yaml(pack.manifest()));
        for (QuestionDef q : pack.questions()) {
            List<PackReader.TestFile> tests = new ArrayList<>();
            for (QuestionTest t : q.tests()) {
                tests.add(new PackReader.TestFile(t.name().isEmpty() ? null : t.name(), t.answer(),
                        t.files().isEmpty() ? null : t.files(), t.score(), t.notes().isEmpty() ? null : t.notes(),
                        t.feedback().isEmpty() ? null : t.feedback()));
            }
            PackReader.QuestionFile qf = new PackReader.QuestionFile(q.id(), q.title(), q.prompt(), q.points(),
                    q.plugin(), q.config(), q.expectedApproach(), tests.isEmpty() ? null : tests);
            out.put("questions/" + q.localName() + ".yaml", yaml(qf));
        }
        pack.files().forEach((path, f) -> out.put(path, f.content()));
        return out;
    }

    private static byte[] yaml(Object value) {
        try {
            return Json.yaml().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    public static byte[] zip(CoursePack pack) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files(pack).entrySet()) {
                ZipEntry entry = new ZipEntry(f.getKey());
                entry.setTimeLocal(ZIP_EPOCH); // the same pack always zips to the same bytes
                zip.putNextEntry(entry);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes into {@code dir}, which must be empty or absent. */
    public static void toFolder(CoursePack pack, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty; export into a new folder");
                }
            }
        }
        for (Map.Entry<String, byte[]> f : files(pack).entrySet()) {
            Path target = dir.resolve(f.getKey()).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw new IOException("unsafe path " + f.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
    }
}
