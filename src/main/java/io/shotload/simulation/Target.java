package io.shotload.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** The service under test, as the simulation reaches it. */
public interface Target extends AutoCloseable {

    /** The root URL that {@code /screenshot} and {@code /metrics} are resolved against, without a trailing slash. */
    URI baseUrl();

    boolean embedded();

    /** {@code mock} or {@code chromium} for the embedded stub, {@code external} otherwise. */
    String backend();

    /** The target's effective configuration from its {@code /config}, or {@code null} when it has none. */
    JsonNode configuration();

    @Override
    void close();
}
