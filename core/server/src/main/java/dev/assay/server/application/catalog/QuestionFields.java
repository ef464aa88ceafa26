package dev.assay.server.application.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.engine.json.Json;
import dev.assay.engine.pack.QuestionDef;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.domain.model.QuestionEntity;

/** A question's mergeable fields ({@link PackMerge.Fields}) as a pack has them and as they are in force. */
final class QuestionFields {
    private QuestionFields() {
    }

    static PackMerge.Fields of(QuestionDef q) {
        return PackMerge.Fields.of(q.title(), q.prompt(), q.points(), q.plugin(), q.config(), q.expectedApproach());
    }

    static PackMerge.Fields inForce(QuestionEntity row, QuestionConfigEntity config) {
        return PackMerge.Fields.of(row.getTitle(), row.getPrompt(), row.getPoints(), config.getPluginId(),
                configObject(config.getConfigJson()), config.getExpectedApproach());
    }

    /** A stored configuration's JSON. */
    static ObjectNode configObject(String json) {
        try {
            return (ObjectNode) Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON: " + e.getMessage(), e);
        }
    }

    /** A stored field value's JSON. */
    static JsonNode tree(String json) {
        try {
            return Json.json().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conflict value is not JSON: " + e.getMessage(), e);
        }
    }
}
