package io.shotload.stub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields from one JSON object of the config file and rejects the fields it does not know.
 *
 * <p>Only types are checked here. Ranges are checked by the section records, so a config built in code
 * is validated by the same rules as one read from a file.
 */
final class JsonSection {

    private final String path;
    private final ObjectNode node;
    private final Set<String> knownNames = new LinkedHashSet<>();

    private JsonSection(String path, ObjectNode node) {
        this.path = path;
        this.node = node;
    }

    /** Wraps {@code node}, or an empty object when the section is absent; rejects a section that is not an object. */
    static JsonSection of(String path, JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return new JsonSection(path, ObjectNodes.empty());
        }
        if (!node.isObject()) {
            throw InvalidConfigException.forField(path, describe(node), "a JSON object");
        }
        return new JsonSection(path, (ObjectNode) node);
    }

    long readLong(IntField field) {
        JsonNode value = lookup(field);
        if (value == null) {
            return field.defaultValue();
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw InvalidConfigException.forField(field.path(), describe(value), field.expectedIntegerText());
        }
        return value.asLong();
    }

    double readDouble(DoubleField field) {
        JsonNode value = lookup(field);
        if (value == null) {
            return field.defaultValue();
        }
        if (!value.isNumber()) {
            throw InvalidConfigException.forField(field.path(), describe(value), "a number " + field.allowedText());
        }
        return value.asDouble();
    }

    boolean readBoolean(BooleanField field) {
        JsonNode value = lookup(field);
        if (value == null) {
            return field.defaultValue();
        }
        if (!value.isBoolean()) {
            throw InvalidConfigException.forField(field.path(), describe(value), field.allowedText());
        }
        return value.booleanValue();
    }

    /** Returns the nested object {@code name}, registering it as a known field of this section. */
    JsonSection child(String name) {
        knownNames.add(name);
        return of(path + "." + name, node.get(name));
    }

    /** Rejects the first field of this section that no read call asked for. */
    void rejectUnknownFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownNames.contains(name)) {
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                throw InvalidConfigException.unknownField(fieldPath, describe(node.get(name)), String.join(", ", knownNames));
            }
        }
    }

    /** Registers names that another reader consumes, such as top-level sections. */
    void registerKnown(List<String> names) {
        knownNames.addAll(new ArrayList<>(names));
    }

    /** Returns the field's value, or {@code null} when the field is absent; rejects an explicit JSON null. */
    private JsonNode lookup(ConfigField field) {
        knownNames.add(field.name());
        JsonNode value = node.get(field.name());
        if (value != null && value.isNull()) {
            throw InvalidConfigException.forField(field.path(), "null", field.allowedText() + ", or the field left out");
        }
        return value;
    }

    /** Renders a value for an error message: JSON text, shortened when long. */
    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
