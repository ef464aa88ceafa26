package dev.assay.plugins.matrix;

/** An answer (or a line of one) that cannot be read or does not conform; the note says which. */
public final class AnswerException extends Exception {
    private final String note;

    public AnswerException(String note, String message) {
        super(message);
        this.note = note;
    }

    public String note() {
        return note;
    }
}
