package io.shotload.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.stub.StubServer;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.StubConfig;
import java.net.URI;

/** The stub server, started by the simulation on a free loopback port and stopped with it. */
final class EmbeddedStubTarget implements Target {

    /** The embedded stub listens on loopback only; nothing outside this machine can reach it. */
    static final String HOST = "127.0.0.1";

    private final StubServer server;
    private final JsonNode configuration;

    private EmbeddedStubTarget(StubServer server) {
        this.server = server;
        this.configuration = server.config().toJson();
    }

    /**
     * Starts the stub with the configuration file from {@code shotload.stubConfig}, or its defaults.
     *
     * @throws io.shotload.stub.config.InvalidConfigException when the file is invalid
     */
    static EmbeddedStubTarget start(SimulationSettings settings) {
        StubConfig config = settings.stubConfig() == null ? StubConfig.defaults() : StubConfig.load(settings.stubConfig());
        return new EmbeddedStubTarget(StubServer.start(config, HOST, 0, CaptureBackends.forName(settings.backend())));
    }

    @Override
    public URI baseUrl() {
        return server.baseUrl();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public String backend() {
        return server.backendName();
    }

    @Override
    public JsonNode configuration() {
        return configuration;
    }

    @Override
    public void close() {
        server.close();
    }
}
