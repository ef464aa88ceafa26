package dev.assay.engine.pack;

import java.util.Arrays;
import java.util.Objects;

/** A file of a pack other than the manifest and the questions: a data set, a figure. */
public record PackFile(String path, byte[] content) {
    public PackFile {
        Objects.requireNonNull(path, "path");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackFile f && path.equals(f.path) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "PackFile[" + path + ", " + content.length + " bytes]";
    }
}
