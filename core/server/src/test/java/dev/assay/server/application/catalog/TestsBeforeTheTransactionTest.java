package dev.assay.server.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.Grade;
import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.engine.pack.QuestionTest;
import dev.assay.engine.pack.QuestionTestRunner;
import dev.assay.server.application.api.QuestionEdit;
import dev.assay.server.domain.model.QuestionConfigEntity;
import jakarta.transaction.Transactional;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A configuration save runs the question's tests (seconds of model training for hw7 8.b) before any transaction, then
 * stores the version in a short one: with a fake engine (the tests) and a fake store (the transaction), the tests run
 * while no transaction is open, and a failing test means the store is never reached. The transaction itself is the
 * container's, declared by {@link Transactional}: on the store, and on neither the save nor the restore.
 */
class TestsBeforeTheTransactionTest {
    static final QuestionConfigEntity CURRENT = new QuestionConfigEntity("p/q", 3, "it-exact", "{}", "", OffsetDateTime.now(),
            "prof", "edited");
    static final QuestionTest TEST = new QuestionTest("", "42", Map.of(), 1, List.of("EXACT"));

    final List<String> events = new ArrayList<>();
    boolean inTransaction;

    /** The store as the container runs it: inside a transaction. */
    final ConfigVersionStore store = new ConfigVersionStore() {
        @Override
        public QuestionConfigEntity store(ConfigDraft draft, String actor) {
            inTransaction = true;
            try {
                events.add("store");
                return new QuestionConfigEntity("p/q", 4, "it-exact", "{}", "", OffsetDateTime.now(), actor, draft.reason());
            } finally {
                inTransaction = false;
            }
        }
    };

    ConfigVersions versions(QuestionTestRunner.Outcome outcome) {
        ConfigVersions v = new ConfigVersions() {
            @Override
            ConfigDraft draft(String questionId, QuestionEdit edit) {
                return new ConfigDraft(questionId, CURRENT, null, null, false, "edited", false);
            }

            @Override
            List<QuestionTestRunner.Result> run(CoursePack pack, CatalogQuestion prepared) {
                events.add(inTransaction ? "tests inside a transaction" : "tests");
                return List.of(new QuestionTestRunner.Result("p/q", 0, TEST, outcome, "got 0",
                        Grade.builder(Grade.Status.GRADED).score(outcome == QuestionTestRunner.Outcome.PASS ? 1 : 0).build()));
            }
        };
        v.store = store;
        return v;
    }

    @Test
    void theTestsRunWithNoTransactionOpenThenTheVersionIsStored() {
        QuestionConfigEntity saved = versions(QuestionTestRunner.Outcome.PASS).change("p/q",
                QuestionEdit.ofConfig(null, null, null, Optional.empty()), "prof.ada");

        assertThat(events).containsExactly("tests", "store");
        assertThat(saved.getVersion()).isEqualTo(4);
        assertThat(saved.getCreatedBy()).isEqualTo("prof.ada");
    }

    @Test
    void aFailingTestNeverReachesTheStore() {
        assertThatThrownBy(() -> versions(QuestionTestRunner.Outcome.FAIL).change("p/q",
                QuestionEdit.ofConfig(null, null, null, Optional.empty()), "prof.ada"))
                .isInstanceOf(QuestionTests.Failed.class);
        assertThat(events).containsExactly("tests");
    }

    @Test
    void onlyTheStoreIsTransactional() throws Exception {
        assertThat(ConfigVersions.class.isAnnotationPresent(Transactional.class)).isFalse();
        Method change = ConfigVersions.class.getMethod("change", String.class, QuestionEdit.class, String.class);
        Method restore = ConfigVersions.class.getMethod("restore", String.class, int.class, String.class, String.class);
        assertThat(change.isAnnotationPresent(Transactional.class)).as("the save runs the tests").isFalse();
        assertThat(restore.isAnnotationPresent(Transactional.class)).as("a restore runs the tests").isFalse();
        assertThat(ConfigVersionStore.class.getMethod("store", ConfigDraft.class, String.class)
                .isAnnotationPresent(Transactional.class)).isTrue();
    }
}
