package dev.assay.plugins.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.api.QuestionResources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A data set is built once per what it is a function of, and rebuilt when that changes. */
class DataSetsTest {
    private static AeConfig.Data generated(long seed, Integer k) {
        return new AeConfig.Data(new AeConfig.Generate(20, 2000, k, seed, List.of(10.0, 8.0, 6.0, 5.0, 4.0)), null);
    }

    private static QuestionResources holding(String path, String content) {
        return p -> p.equals(path) ? Optional.of(content.getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Test
    void aGeneratedDataSetIsBuiltOnceForItsSeedSizesAndSpectrum() throws Exception {
        DataSets sets = new DataSets();
        DataSets.Loaded first = sets.of(generated(7, 5), QuestionResources.NONE);
        assertThat(first.x().data).isEqualTo(DataSet.generate(generated(7, 5).generate()).data);
        assertThat(sets.of(generated(7, 5), QuestionResources.NONE).x()).as("the same matrix, not rebuilt").isSameAs(first.x());
        // the generator's k does not change the data
        assertThat(sets.of(generated(7, null), QuestionResources.NONE).x()).isSameAs(first.x());
        DataSets.Loaded otherSeed = sets.of(generated(8, 5), QuestionResources.NONE);
        assertThat(otherSeed.key()).isNotEqualTo(first.key());
        assertThat(otherSeed.x().data).isNotEqualTo(first.x().data);
    }

    @Test
    void aCsvDataSetIsKeptForItsContentSoAChangedFileUnderTheSameNameIsReadAgain() throws Exception {
        DataSets sets = new DataSets();
        AeConfig.Data fromCsv = new AeConfig.Data(null, "data/X.csv");
        DataSets.Loaded before = sets.of(fromCsv, holding("data/X.csv", "1,2,3\n4,5,9\n"));
        assertThat(before.x().get(1, 2)).as("rows centred: 9 - 6").isEqualTo(3.0);
        assertThat(sets.of(fromCsv, holding("data/X.csv", "1,2,3\n4,5,9\n")).x()).isSameAs(before.x());
        DataSets.Loaded changed = sets.of(fromCsv, holding("data/X.csv", "1,2,3\n4,5,12\n"));
        assertThat(changed.key()).isNotEqualTo(before.key());
        assertThat(changed.x().get(1, 2)).isEqualTo(5.0);
        assertThatThrownBy(() -> sets.of(fromCsv, QuestionResources.NONE)).isInstanceOf(WeightsException.class)
                .hasMessageContaining("data/X.csv is not in the pack");
    }

    @Test
    void theLeastRecentlyUsedDataSetMakesRoomBeyondTheLimit() throws Exception {
        DataSets sets = new DataSets();
        DataSets.Loaded oldest = sets.of(generated(0, 5), QuestionResources.NONE);
        DataSets.Loaded used = sets.of(generated(1, 5), QuestionResources.NONE);
        for (long seed = 2; seed <= DataSets.KEPT; seed++) {
            sets.of(generated(seed, 5), QuestionResources.NONE);
            assertThat(sets.of(generated(1, 5), QuestionResources.NONE).x()).isSameAs(used.x()); // used all along
        }
        assertThat(sets.of(generated(1, 5), QuestionResources.NONE).x()).isSameAs(used.x());
        DataSets.Loaded rebuilt = sets.of(generated(0, 5), QuestionResources.NONE);
        assertThat(rebuilt.x()).as("dropped for the newest").isNotSameAs(oldest.x());
        assertThat(rebuilt.x().data).isEqualTo(oldest.x().data);
    }
}
