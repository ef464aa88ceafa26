package dev.assay.engine.grading;

import dev.assay.api.Answer;
import dev.assay.api.AnswerFile;
import dev.assay.api.Attachment;
import dev.assay.api.GraderPlugin;
import dev.assay.api.HandoutInfo;
import dev.assay.engine.pack.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of a question, asked of its plugin through the engine's door ({@link PluginCalls}): the files it hands out
 * (the list, and each one's content) and the files an answer may carry. Each is computed once per loaded configuration
 * (one {@link ReadyQuestion}: the server makes one for each configuration version it loads) and kept in a bounded
 * cache, so a data set a plugin builds for download is built once, not on every download. A failure is not kept: the
 * next request asks the plugin again.
 *
 * <p>These calls do not wait for a worker or the plugin's share: a download is not an answer, and must not queue
 * behind a plugin that is training. They are bounded by their time limits instead: the engine's for the lists, the
 * question's (the plugin may ask for more) for a file's content.
 */
public final class QuestionFiles {
    /** Entries kept: a list or a file each. */
    static final int MAX_ENTRIES = 512;
    /** Bytes of file content kept, all questions together. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** What a kept list is counted as against {@link #MAX_BYTES}. */
    private static final long LIST_WEIGHT = 1024;

    private record Key(ReadyQuestion question, String what) {
    }

    private final GradingEngine engine;
    private final BoundedCache<Key, PluginResult<?>> cache = new BoundedCache<>(MAX_ENTRIES, MAX_BYTES,
            r -> r.value() instanceof Optional<?> file && file.isPresent() && file.get() instanceof Attachment a
                    ? a.size() + LIST_WEIGHT : LIST_WEIGHT);

    public QuestionFiles(GradingEngine engine) {
        this.engine = engine;
    }

    /** The files the question hands out, without their content; or why the plugin could not say. */
    public PluginResult<List<HandoutInfo>> handouts(ReadyQuestion q) {
        GraderPlugin<Record> plugin = q.plugin().typed();
        return cached(q, "handouts", () -> engine.calls().call(q.plugin(), "list the files " + q.id() + " hands out",
                engine.settings().limits().timeLimit(), () -> copy(plugin.handouts(q.config()))));
    }

    /**
     * One handed-out file with its content: empty when the question hands out no file of that name (the plugin is not
     * asked); an error when the plugin fails to produce a file it lists.
     */
    public PluginResult<Optional<Attachment>> handout(ReadyQuestion q, String name) {
        PluginResult<List<HandoutInfo>> listed = handouts(q);
        if (!listed.ok()) {
            return listed.asFailure();
        }
        if (listed.value().stream().noneMatch(h -> h.name().equals(name))) {
            return PluginResult.of(Optional.empty());
        }
        GraderPlugin<Record> plugin = q.plugin().typed();
        return cached(q, "handout " + name, () -> {
            PluginResult<Optional<Attachment>> made = engine.calls().call(q.plugin(), "prepare the file " + name
                    + " of " + q.id(), engine.timeLimit(q), () -> plugin.handout(q.config(), name, q.resources()));
            return made.ok() && made.value().isEmpty() ? PluginResult.failed(GradingEngine.NOTE_PLUGIN_FAILED,
                    "The grader " + q.plugin().id() + " lists the file " + name + " for " + q.id()
                            + " but did not produce it.") : made;
        });
    }

    /** The files an answer to the question may carry; or why the plugin could not say. */
    public PluginResult<List<AnswerFile>> answerFiles(ReadyQuestion q) {
        GraderPlugin<Record> plugin = q.plugin().typed();
        return cached(q, "answer files", () -> engine.calls().call(q.plugin(), "list the files an answer to " + q.id()
                + " may carry", engine.settings().limits().timeLimit(), () -> copy(plugin.answerFiles(q.config()))));
    }

    /**
     * The media type of a file of this name that comes with an answer to the question: the type the question's plugin
     * gives its extension (an answer file's declared types, then the types of the files it hands out), else the
     * engine's generic guess ({@link MediaTypes#guess}).
     */
    public String mediaTypeOf(ReadyQuestion q, String fileName) {
        for (AnswerFile f : answerFiles(q).orElse(List.of())) {
            Optional<String> declared = f.mediaTypeOf(fileName);
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        String extension = extension(fileName);
        if (!extension.isEmpty()) {
            for (HandoutInfo h : handouts(q).orElse(List.of())) {
                if (extension(h.name()).equals(extension)) {
                    return h.mediaType();
                }
            }
        }
        return MediaTypes.guess(fileName);
    }

    /**
     * The answer with each file whose type is unknown ({@link MediaTypes#UNKNOWN} or blank: the client did not say, and
     * the engine's generic guess did not know) typed as the question's plugin declares it.
     */
    public Answer withMediaTypes(ReadyQuestion q, Answer answer) {
        if (answer.attachments().stream().noneMatch(a -> isUnknown(a.mediaType()))) {
            return answer;
        }
        List<Attachment> typed = new ArrayList<>();
        for (Attachment a : answer.attachments()) {
            typed.add(isUnknown(a.mediaType()) ? new Attachment(a.name(), mediaTypeOf(q, a.name()), a.content()) : a);
        }
        return new Answer(answer.text(), typed);
    }

    private static boolean isUnknown(String mediaType) {
        return mediaType.isBlank() || mediaType.equals(MediaTypes.UNKNOWN);
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** A plugin's list as the engine keeps it: unmodifiable, and null where the plugin gave null (its fault). */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    @SuppressWarnings("unchecked")
    private <T> PluginResult<T> cached(ReadyQuestion q, String what, java.util.function.Supplier<PluginResult<T>> compute) {
        return (PluginResult<T>) cache.get(new Key(q, what), compute::get, PluginResult::ok);
    }
}
