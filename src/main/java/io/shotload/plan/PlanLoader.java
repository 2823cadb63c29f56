package io.shotload.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.shotload.json.Json;
import io.shotload.json.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Loads a plan by name from the classpath ({@code plans/<name>.json}) or from a file path.
 *
 * <p>A bare name such as {@code quick} is looked up on the classpath first; anything else, or a name
 * with no such resource, is read as a path.
 */
public final class PlanLoader {

    /** The plan used when {@code -Dshotload.plan} is not given. */
    public static final String DEFAULT_PLAN = "default";
    /** The plans shipped on the classpath. */
    public static final String BUNDLED_PLANS = "default, quick, chromium, chromium-quick";

    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private PlanLoader() {}

    /** Loads and validates a plan, or throws {@link InvalidPlanException} with a message for the user. */
    public static LoadPlan load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            nameOrPath = DEFAULT_PLAN;
        }
        if (BARE_NAME.matcher(nameOrPath).matches()) {
            String resource = "plans/" + nameOrPath + ".json";
            try (InputStream in = PlanLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    return parse(in.readAllBytes(), "'" + nameOrPath + "'");
                }
            } catch (IOException e) {
                throw new InvalidPlanException("Invalid plan '" + nameOrPath + "': cannot read " + resource + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new InvalidPlanException("Plan not found: shotload.plan = \"" + nameOrPath
                    + "\"; expected a bundled plan name (" + BUNDLED_PLANS + ") or the path of a JSON plan file.");
        }
        try {
            return parse(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new InvalidPlanException("Invalid plan " + path + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /** Parses and validates plan JSON; {@code source} names the plan in error messages. */
    public static LoadPlan parse(byte[] json, String source) {
        LoadPlan plan;
        try {
            plan = Json.mapper().readValue(json, LoadPlan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException("Invalid plan " + source + ": " + JsonErrors.describe(e) + ".", e);
        } catch (IOException e) {
            throw new InvalidPlanException("Invalid plan " + source + ": " + e.getMessage(), e);
        }
        if (plan == null) {
            throw new InvalidPlanException("Invalid plan " + source + ": the file is empty; expected a JSON object.");
        }
        return PlanValidator.validate(plan, source);
    }
}
