package io.shotload.stub.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Binds a config section to a record with Jackson and turns every failure into an
 * {@link InvalidConfigException} with the usual message: field path, rejected value and rule.
 *
 * <p>The bound records validate ranges in their constructors and throw {@link IllegalArgumentException}
 * with a message that already starts with {@code Invalid stub config:}. Types are checked strictly, so
 * {@code "4"} is not an integer and {@code 4.5} is not rounded, and an explicit JSON {@code null} is
 * rejected as in every other section. A number with a zero fraction, such as {@code 4.0}, is an integer,
 * as {@link JsonSection#readLong} reads it for the other sections.
 */
final class BoundSections {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Otherwise Jackson reads a number as the index of an enum constant, so "isolation": 1 meant reused_page.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private BoundSections() {
    }

    /**
     * Reads the section's JSON object {@code node} into {@code type}, or returns {@code defaults} when the
     * section is absent.
     *
     * @param fields the section's descriptors, for the rule in a type error
     */
    static <T> T read(String section, JsonNode node, Class<T> type, T defaults, List<BoundField> fields) {
        if (node == null || node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw InvalidConfigException.forField(section, JsonSection.describe(node), "a JSON object");
        }
        rejectNulls(section, (ObjectNode) node, fields);
        try {
            return JSON.treeToValue(withIntegralNumbersAsIntegers((ObjectNode) node), type);
        } catch (UnrecognizedPropertyException e) {
            String name = e.getPropertyName();
            List<String> known = fields.stream().map(BoundField::name).toList();
            throw InvalidConfigException.unknownField(
                    section + "." + name, JsonSection.describe(node.get(name)), String.join(", ", known));
        } catch (ValueInstantiationException e) {
            throw rangeError(section, e);
        } catch (JsonMappingException e) {
            throw typeError(section, (ObjectNode) node, fields, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw rangeError(section, e);
        }
    }

    /**
     * Returns a copy of the section in which each number with a zero fraction ({@code 4.0},
     * {@code 1e3}) is replaced by the same value as an integer. Jackson binds such a value to an integer
     * field only while {@code ACCEPT_FLOAT_AS_INT} is on, and that flag would also truncate {@code 4.5}
     * to 4. Error messages still show the value as written, because they read the original node.
     */
    private static ObjectNode withIntegralNumbersAsIntegers(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if (value.isFloatingPointNumber() && value.canConvertToExactIntegral()) {
                copy.set(entry.getKey(), copy.numberNode(value.decimalValue().toBigIntegerExact()));
            }
        }
        return copy;
    }

    /** Returns the section as JSON in the file layout, with every field present. */
    static ObjectNode write(Object section) {
        return JSON.valueToTree(section);
    }

    private static void rejectNulls(String section, ObjectNode node, List<BoundField> fields) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = section + "." + entry.getKey();
            String allowed = allowedText(fields, path);
            if (entry.getValue().isNull()) {
                throw InvalidConfigException.forField(path, "null", allowed + ", or the field left out");
            }
            if (entry.getValue().isArray()) {
                for (int i = 0; i < entry.getValue().size(); i++) {
                    JsonNode element = entry.getValue().get(i);
                    if (!element.isTextual()) {
                        throw InvalidConfigException.forField(
                                path + "[" + i + "]", JsonSection.describe(element), "a string in " + allowed);
                    }
                }
            }
        }
    }

    /** Converts a record constructor's rejection, whose message names the field, into the config exception. */
    private static InvalidConfigException rangeError(String section, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return InvalidConfigException.fromRecordMessage(section, message, e);
    }

    private static InvalidConfigException typeError(
            String section, ObjectNode node, List<BoundField> fields, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String name = path.isEmpty() ? null : path.get(0).getFieldName();
        if (name == null) {
            return InvalidConfigException.forField(section, JsonSection.describe(node), "a JSON object");
        }
        String fieldPath = section + "." + name;
        String allowed = allowedText(fields, fieldPath);
        String expected = Character.isDigit(allowed.charAt(0)) ? "an integer " + allowed : allowed;
        return InvalidConfigException.forField(fieldPath, JsonSection.describe(node.get(name)), expected);
    }

    private static String allowedText(List<BoundField> fields, String path) {
        for (BoundField field : fields) {
            if (field.path().equals(path)) {
                return field.allowedText();
            }
        }
        return "a known field";
    }
}
