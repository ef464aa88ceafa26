package dev.assay.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A grader for one kind of question. Found by {@link java.util.ServiceLoader}, either on the
 * application class path or in its own folder of jars under the plugins directory, where it gets
 * a class loader of its own that shows it only this package, {@code jakarta.validation} and the JDK.
 *
 * <p>Implementations keep no static state: everything a call needs arrives in the request. An
 * instance may be called from several threads at once.
 *
 * @param <C> the plugin's configuration: a record validated with Bean Validation, bound by the
 *            engine from the question's YAML or JSON. Annotate its components with {@link Doc}.
 */
public interface GraderPlugin<C extends Record> {

    /** Stable id questions refer to, e.g. {@code matrix-calculus}. Lower case, digits and '-'. */
    String id();

    /**
     * The plugin's own version, recorded with every grade it gives. By default the {@code Implementation-Version} of
     * the jar the plugin's class comes from (Maven writes the project's version there), so it changes with every
     * release without anyone editing a literal; {@code "dev"} for classes not loaded from a built jar (tests in an IDE).
     */
    default String version() {
        String built = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return built == null || built.isBlank() ? "dev" : built;
    }

    /** The configuration record a question of this plugin carries. */
    Class<C> configType();

    /**
     * Checks a configuration beyond what its Bean Validation constraints say (a reference
     * expression that does not parse, say). Returns the problems, each with the path of the field.
     */
    default List<ConfigProblem> checkConfig(C config) {
        return List.of();
    }

    /**
     * Parses the answer and says how it was understood, without grading or storing it
     * (validate-then-assess). Must be fast: it backs a live preview.
     */
    Validation validate(GradingRequest<C> request);

    /**
     * Grades the answer. Long loops must honour {@link Thread#interrupted()}: the engine
     * interrupts a call that runs past its time limit.
     */
    Grade grade(GradingRequest<C> request) throws InterruptedException;

    /** More time than the engine's default, for plugins that train models, say. */
    default Optional<Duration> timeLimit(C config) {
        return Optional.empty();
    }

    /**
     * How many of this plugin's answers can usefully be graded at once, all questions together: a plugin that trains on
     * one device says 1 (per device). The engine then grades no more than that many at once and keeps the others waiting
     * in its own queue, where they hold no worker, rather than letting them wait inside the plugin. Empty (the default):
     * as many as the plugin's share of the engine's workers. Called once, when the engine sets the plugin up; previews
     * ({@link #validate}) are not counted against it.
     */
    default OptionalInt concurrency() {
        return OptionalInt.empty();
    }

    /** Files an answer to this question may carry (uploaded weights, say); none by default: text only. */
    default List<AnswerFile> answerFiles(C config) {
        return List.of();
    }

    /** Files a question hands out to students (a data set to download), without their content. */
    default List<HandoutInfo> handouts(C config) {
        return List.of();
    }

    /** The content of one handout named by {@link #handouts}. */
    default Optional<Attachment> handout(C config, String name, QuestionResources resources) {
        return Optional.empty();
    }

    /**
     * An optional capability of this plugin, such as {@link ReferenceGrading} or {@link Calibration}: the engine asks
     * for the one it needs and says clearly when the plugin lacks it. By default the plugin itself, where it
     * implements the capability's interface; a plugin may return another object that does (to keep its own class
     * small).
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * What the plugin reports about itself on the server's health endpoint, e.g. which device it
     * trains on and why. Called on every health probe: must be cheap and must not throw.
     */
    default Map<String, String> status() {
        return Map.of();
    }
}
