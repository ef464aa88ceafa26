package dev.assay.server.interfaces.web;

import dev.assay.api.Attachment;
import dev.assay.engine.pack.MediaTypes;
import dev.assay.server.application.AssayException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An answer file in a JSON body: its name (what the question asks for, e.g. W1), type and Base64 content. */
public record FileBody(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[^/\\\\\\x00-\\x1f]+", message = "must be a plain file name") String name,
        @Size(max = 255) String mediaType,
        @NotNull @Pattern(regexp = "[A-Za-z0-9+/=\\r\\n]*", message = "must be Base64") String content) {

    /**
     * The files of a body as an answer's attachments: names used once, content decoded, the type guessed from the name
     * when not given. INVALID naming the file otherwise.
     */
    public static List<Attachment> attachments(List<FileBody> files) {
        List<Attachment> attachments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<FileBody> list = files == null ? List.of() : files;
        for (int i = 0; i < list.size(); i++) {
            FileBody f = list.get(i);
            if (!names.add(f.name())) {
                throw new AssayException(AssayException.Kind.INVALID, "Two files are named " + f.name() + ".",
                        List.of(new AssayException.Problem("files[" + i + "].name", "is used twice")));
            }
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(f.content());
            } catch (IllegalArgumentException e) {
                throw new AssayException(AssayException.Kind.INVALID, "A file's content is not Base64.",
                        List.of(new AssayException.Problem("files[" + i + "].content", e.getMessage())));
            }
            String type = f.mediaType() == null || f.mediaType().isBlank() ? MediaTypes.guess(f.name()) : f.mediaType();
            attachments.add(new Attachment(f.name(), type, content));
        }
        return attachments;
    }
}
