package io.shotload.stub.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the query string of {@code GET /screenshot} or the JSON body of {@code POST /screenshot} into a
 * validated {@link CaptureRequest}, or an {@link InvalidRequestException} that names the first invalid
 * field. Both forms accept the same fields and apply the same rules; unknown and repeated fields are
 * rejected.
 */
final class ScreenshotRequestParser {

    static final String URL = "url";
    static final String TYPE = "type";
    static final String SELECTOR = "selector";
    static final String FORMAT = "format";
    static final String QUALITY = "quality";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final List<String> FIELDS = List.of(URL, TYPE, SELECTOR, FORMAT, QUALITY, WIDTH, HEIGHT);

    /** Longest accepted {@code url}, in characters. */
    static final int MAX_URL_CHARS = 2048;
    /** Longest accepted {@code selector}, in characters. */
    static final int MAX_SELECTOR_CHARS = 1024;

    private static final String URL_RULE = "an absolute http or https URL with a host, at most " + MAX_URL_CHARS + " characters";
    private static final String DIMENSION_RULE = "an integer 1.." + CaptureRequest.MAX_DIMENSION_PIXELS;
    private static final String QUALITY_RULE = "an integer 1..100";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ScreenshotRequestParser() {
    }

    /** Parses query parameters, as Undertow decodes them. */
    static CaptureRequest fromQuery(String requestId, Map<String, Deque<String>> parameters) throws InvalidRequestException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Deque<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            Deque<String> values = parameter.getValue();
            if (!FIELDS.contains(name)) {
                throw unknownField(name, values.peekFirst());
            }
            if (values.size() > 1) {
                throw new InvalidRequestException(name, String.join(",", values), "a single value",
                        "Field '" + name + "' was given " + values.size() + " times; give it once.");
            }
            fields.put(name, values.peekFirst());
        }
        return validate(requestId, fields);
    }

    /** Parses a JSON body: one object whose values are strings, or integers for quality, width and height. */
    static CaptureRequest fromJson(String requestId, byte[] body) throws InvalidRequestException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", new String(body, StandardCharsets.UTF_8),
                    "a JSON object with the fields " + String.join(", ", FIELDS),
                    "Malformed JSON body: " + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw new InvalidRequestException("body", null, "a JSON object", "Unreadable request body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body", root == null ? "" : root.toString(),
                    "a JSON object with the fields " + String.join(", ", FIELDS),
                    "The request body must be a JSON object.");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!FIELDS.contains(name)) {
                throw unknownField(name, value.toString());
            }
            if (value.isNull()) {
                continue;
            }
            boolean integerField = name.equals(QUALITY) || name.equals(WIDTH) || name.equals(HEIGHT);
            if (integerField && !value.isIntegralNumber()) {
                throw new InvalidRequestException(name, value.toString(), name.equals(QUALITY) ? QUALITY_RULE : DIMENSION_RULE,
                        "Field '" + name + "' must be a JSON integer.");
            }
            if (!integerField && !value.isTextual()) {
                throw new InvalidRequestException(name, value.toString(), "a JSON string",
                        "Field '" + name + "' must be a JSON string.");
            }
            fields.put(name, value.asText());
        }
        return validate(requestId, fields);
    }

    private static CaptureRequest validate(String requestId, Map<String, String> fields)
            throws InvalidRequestException {
        URI url = parseUrl(fields.get(URL));
        CaptureType type = parseType(fields.get(TYPE));
        ImageFormat format = parseFormat(fields.get(FORMAT));
        String selector = parseSelector(fields.get(SELECTOR), type);
        int quality = parseInt(QUALITY, fields.get(QUALITY), CaptureRequest.DEFAULT_JPEG_QUALITY, 100, QUALITY_RULE);
        int width = parseInt(WIDTH, fields.get(WIDTH), CaptureRequest.DEFAULT_WIDTH_PIXELS,
                CaptureRequest.MAX_DIMENSION_PIXELS, DIMENSION_RULE);
        int height = parseInt(HEIGHT, fields.get(HEIGHT), CaptureRequest.DEFAULT_HEIGHT_PIXELS,
                CaptureRequest.MAX_DIMENSION_PIXELS, DIMENSION_RULE);
        return new CaptureRequest(requestId, url, type, selector, format, quality, width, height);
    }

    private static URI parseUrl(String text) throws InvalidRequestException {
        if (text == null || text.isEmpty()) {
            throw new InvalidRequestException(URL, text, URL_RULE, "Field 'url' is required.");
        }
        if (text.length() > MAX_URL_CHARS) {
            throw new InvalidRequestException(URL, text, URL_RULE,
                    "Field 'url' is " + text.length() + " characters long; at most " + MAX_URL_CHARS + " are allowed.");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(URL, text, URL_RULE, "Field 'url' is not a valid URL: " + e.getMessage() + ".");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidRequestException(URL, text, URL_RULE,
                    "Field 'url' must use http or https, not '" + (scheme.isEmpty() ? "no scheme" : scheme) + "'.");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidRequestException(URL, text, URL_RULE, "Field 'url' has no host.");
        }
        return url;
    }

    private static CaptureType parseType(String text) throws InvalidRequestException {
        if (text == null) {
            return CaptureType.VIEWPORT;
        }
        return CaptureType.fromWireName(text).orElseThrow(() -> new InvalidRequestException(
                TYPE, text, CaptureType.allowedNames(), "Unknown capture type '" + text + "'."));
    }

    private static ImageFormat parseFormat(String text) throws InvalidRequestException {
        if (text == null) {
            return ImageFormat.PNG;
        }
        return ImageFormat.fromWireName(text).orElseThrow(() -> new InvalidRequestException(
                FORMAT, text, ImageFormat.allowedNames(), "Unknown image format '" + text + "'."));
    }

    private static String parseSelector(String text, CaptureType type) throws InvalidRequestException {
        String rule = "a CSS selector of 1.." + MAX_SELECTOR_CHARS + " characters, with type=element only";
        if (type == CaptureType.ELEMENT) {
            if (text == null || text.isBlank()) {
                throw new InvalidRequestException(SELECTOR, text, rule, "Field 'selector' is required with type=element.");
            }
            if (text.length() > MAX_SELECTOR_CHARS) {
                throw new InvalidRequestException(SELECTOR, text, rule,
                        "Field 'selector' is longer than " + MAX_SELECTOR_CHARS + " characters.");
            }
            return text;
        }
        if (text != null) {
            throw new InvalidRequestException(SELECTOR, text, rule,
                    "Field 'selector' is only valid with type=element, not type=" + type.wireName() + ".");
        }
        return null;
    }

    private static int parseInt(String field, String text, int defaultValue, int max, String rule)
            throws InvalidRequestException {
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, text, rule, "Field '" + field + "' is not an integer.");
        }
        if (value < 1 || value > max) {
            throw new InvalidRequestException(field, text, rule,
                    "Field '" + field + "' = " + value + " is out of range; expected 1.." + max + ".");
        }
        return (int) value;
    }

    private static InvalidRequestException unknownField(String name, String value) {
        return new InvalidRequestException(name, value, "one of " + String.join(", ", FIELDS),
                "Unknown field '" + name + "'.");
    }
}
