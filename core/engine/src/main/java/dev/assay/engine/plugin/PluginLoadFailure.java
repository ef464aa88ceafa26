package dev.assay.engine.plugin;

/** A plugin that could not be loaded, and why. The others load regardless. */
public record PluginLoadFailure(String origin, String reason) {
}
