package io.shotload.stub.backend;

import io.shotload.stub.config.StubConfig;
import io.shotload.stub.timer.LatenessTimer;
import java.net.URI;
import java.util.Objects;

/**
 * The server's resources that a backend factory may use.
 *
 * @param config the effective stub configuration
 * @param timer the server's timer; backends schedule their delays on it so that its lateness covers them
 * @param serverBaseUrl the server's own {@code http://host:port}, already bound, so that a backend can let
 *     pages load the fixture site under {@code /fixtures/}
 */
public record BackendContext(StubConfig config, LatenessTimer timer, URI serverBaseUrl) {

    public BackendContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(serverBaseUrl, "serverBaseUrl");
    }
}
