package dev.assay.server.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Keys under their old names are still read as the new ones, with a warning naming the new one. */
class RenamedKeysTest {
    static final Map<String, String> RENAMED = Map.of("assay.outbox.poll-millis", "assay.outbox.pollMillis");

    @Test
    void anOldEnvironmentVariableIsReadAsTheNewKeyWithAWarningThatNamesTheNewOne() {
        List<LogRecord> warnings = new java.util.ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(RenamedKeys.class.getName());
        log.addHandler(capture);
        try {
            RenamedKeys keys = new RenamedKeys(RENAMED, k -> null, Map.of("ASSAY_OUTBOX_POLLMILLIS", "100"));
            assertThat(keys.getValue("assay.outbox.poll-millis")).isEqualTo("100");
            assertThat(keys.getValue("assay.outbox.poll-millis")).isEqualTo("100");
            assertThat(keys.getPropertyNames()).containsExactly("assay.outbox.poll-millis");
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .contains("ASSAY_OUTBOX_POLLMILLIS", "assay.outbox.pollMillis", "Rename it to assay.outbox.poll-millis",
                            "ASSAY_OUTBOX_POLL_MILLIS"));
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void anOldSystemPropertyIsReadToo() {
        RenamedKeys keys = new RenamedKeys(RENAMED, k -> k.equals("assay.outbox.pollMillis") ? "250" : null, Map.of());
        assertThat(keys.getValue("assay.outbox.poll-millis")).isEqualTo("250");
    }

    @Test
    void nothingUnderTheOldNameIsNothingAndOtherKeysAreNotThisSources() {
        RenamedKeys keys = new RenamedKeys(RENAMED, k -> null, Map.of("ASSAY_OUTBOX_POLL_MILLIS", "100"));
        assertThat(keys.getValue("assay.outbox.poll-millis")).as("the new name is the environment source's, ranked higher").isNull();
        assertThat(keys.getValue("assay.grading.workers")).isNull();
        assertThat(keys.getPropertyNames()).isEmpty();
    }

    @Test
    void itRanksBetweenTheApplicationsDefaultsAndWhatAnAdministratorSets() {
        assertThat(new RenamedKeys(RENAMED, k -> null, Map.of()).getOrdinal()).isGreaterThan(100).isLessThan(300);
    }

    @Test
    void theCoresListOfRenamedKeysIsOnTheClassPath() {
        assertThat(RenamedKeys.listed(RenamedKeys.class.getClassLoader()))
                .containsEntry("assay.outbox.poll-millis", "assay.outbox.pollMillis")
                .containsEntry("assay.startup.exit-on-failure", "assay.startup.exitOnFailure");
    }
}
