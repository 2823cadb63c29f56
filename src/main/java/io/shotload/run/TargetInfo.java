package io.shotload.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The service under test.
 *
 * @param baseUrl where the requests went, such as {@code http://127.0.0.1:41234}
 * @param embeddedStub whether the simulation started the stub server itself
 * @param backend {@code mock} or {@code chromium} for the embedded stub, {@code external} otherwise
 * @param stubConfig the stub's effective configuration as served by its {@code /config}; {@code null} when unknown
 */
public record TargetInfo(String baseUrl, boolean embeddedStub, String backend, JsonNode stubConfig) {}
