package io.shotload.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** Turns Jackson's reading errors into one line that names the field path and what was wrong. */
public final class JsonErrors {

    private JsonErrors() {}

    /** Returns the dotted field path of a mapping error, such as {@code scenarios[2].users}. */
    public static String fieldPath(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(document)" : path.toString();
    }

    /** Describes a Jackson error for a user: the field, the offending value where known, and the rule. */
    public static String describe(JsonProcessingException error) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field " + fieldPath(unknown) + "; expected one of: " + known;
        }
        if (error instanceof InvalidFormatException format) {
            return fieldPath(format) + " = " + format.getValue() + "; expected a value of type "
                    + format.getTargetType().getSimpleName();
        }
        if (error instanceof MismatchedInputException mismatch) {
            String type = mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName();
            return fieldPath(mismatch) + " has the wrong type or is missing; expected " + type;
        }
        if (error instanceof JsonMappingException mapping) {
            return fieldPath(mapping) + ": " + mapping.getOriginalMessage();
        }
        return "malformed JSON at line " + lineOf(error) + ": " + error.getOriginalMessage();
    }

    private static String lineOf(JsonProcessingException error) {
        return error.getLocation() == null ? "?" : String.valueOf(error.getLocation().getLineNr());
    }
}
