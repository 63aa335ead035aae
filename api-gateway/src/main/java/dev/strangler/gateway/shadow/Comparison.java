package dev.strangler.gateway.shadow;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Set;

/**
 * Compares the monolith's and the service's answers: same status, and the same JSON once the fields that
 * legitimately differ (timestamps and the like) are removed at any depth. Field order does not matter; array order
 * does. Bodies that are not JSON must be byte for byte the same.
 */
final class Comparison {

    private final JsonMapper json;
    private final Set<String> ignoredFields;

    Comparison(JsonMapper json, Set<String> ignoredFields) {
        this.json = json;
        this.ignoredFields = Set.copyOf(ignoredFields);
    }

    boolean same(Answer monolith, Answer service) {
        if (monolith.status() != service.status()) {
            return false;
        }
        JsonNode monolithTree = tree(monolith.body());
        JsonNode serviceTree = tree(service.body());
        if (monolithTree != null && serviceTree != null) {
            return normalised(monolithTree).equals(normalised(serviceTree));
        }
        return Arrays.equals(monolith.body(), service.body());
    }

    /** The body as JSON when it is JSON, else null. */
    JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JacksonException notJson) {
            return null;
        }
    }

    private JsonNode normalised(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ignoredFields.forEach(object::remove);
        }
        for (JsonNode child : node) {
            strip(child);
        }
    }
}
