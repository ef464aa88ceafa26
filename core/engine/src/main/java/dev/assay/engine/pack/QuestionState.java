package dev.assay.engine.pack;

/** Whether a question can be graded now. */
public enum QuestionState {
    READY,
    /** Its plugin is not installed: the question is kept and listed, and says so when answered. */
    PLUGIN_NOT_INSTALLED,
    /** Its configuration does not fit its plugin: the problems say which field and why. */
    INVALID_CONFIG
}
