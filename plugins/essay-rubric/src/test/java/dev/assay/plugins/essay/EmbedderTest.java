package dev.assay.plugins.essay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbedderTest {
    @Test
    void wordPieceSplitsAsBertUncasedDoes() {
        Embedder.get();
        // ids from the model's tokenizer.json; WordPiece takes the longest piece first: una ##ffa ##ble
        assertThat(WordPiece.basic("Héllo, WORLD!")).containsExactly("hello", ",", "world", "!");
        Embedder.Vectors v = Embedder.get().embed("Hello, world!");
        assertThat(v.ids()).containsExactly(7592, 1010, 2088, 999);
        assertThat(Embedder.get().embed("unaffable").ids()).containsExactly(14477, 20961, 3468);
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        Embedder e = Embedder.get();
        float[] ref = e.embed("You can create an unlimited number of objects.").sentence();
        double paraphrase = Embedder.cos(ref, e.embed("As many as you want.").sentence());
        double fifo = Embedder.cos(e.embed("first-in-first-out").sentence(), e.embed("FIFO").sentence());
        double unrelated = Embedder.cos(ref, e.embed("Plants need sunlight to grow.").sentence());
        System.out.printf("paraphrase %.3f fifo %.3f unrelated %.3f load %d ms%n", paraphrase, fifo, unrelated, Embedder.loadMillis);
        assertThat(paraphrase).isGreaterThan(unrelated + 0.1);
        assertThat(e.embed("same text").sentence()).isSameAs(e.embed("same text").sentence());
    }
}
