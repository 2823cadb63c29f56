package io.shotload.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A screenshot service the simulation did not start, reached at {@code shotload.baseUrl}. */
final class ExternalTarget implements Target {

    /** How long the reachability probe waits before the run is declared impossible. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final URI baseUrl;
    private final JsonNode configuration;

    private ExternalTarget(URI baseUrl, JsonNode configuration) {
        this.baseUrl = baseUrl;
        this.configuration = configuration;
    }

    /**
     * Checks that the service responds at all (any HTTP status counts) and reads its {@code /config}
     * when it serves one.
     *
     * @throws TargetUnreachableException when no HTTP response arrives within {@link #PROBE_TIMEOUT}
     */
    static ExternalTarget probe(URI baseUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        try {
            client.send(HttpRequest.newBuilder(baseUrl.resolve("/health")).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new TargetUnreachableException("Target unreachable: " + baseUrl + " did not respond to GET /health within "
                    + PROBE_TIMEOUT.toSeconds() + " s (" + e + "). Check shotload.baseUrl and that the service is running.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("Interrupted while probing " + baseUrl, e);
        }
        return new ExternalTarget(baseUrl, readConfiguration(client, baseUrl));
    }

    private static JsonNode readConfiguration(HttpClient client, URI baseUrl) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(baseUrl.resolve("/config")).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Json.mapper().readTree(response.body());
            }
        } catch (IOException e) {
            // A service without a JSON /config is fine; the report then shows no target configuration.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public String backend() {
        return "external";
    }

    @Override
    public JsonNode configuration() {
        return configuration;
    }

    @Override
    public void close() {
        // Nothing to release: the service belongs to someone else.
    }
}
