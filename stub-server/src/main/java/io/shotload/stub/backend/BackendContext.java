package io.shotload.stub.backend;

import io.shotload.stub.config.StubConfig;
import io.shotload.stub.timer.LatenessTimer;
import java.util.Objects;

/**
 * The server's resources that a backend factory may use.
 *
 * @param config the effective stub configuration
 * @param timer the server's timer; backends schedule their delays on it so that its lateness covers them
 */
public record BackendContext(StubConfig config, LatenessTimer timer) {

    public BackendContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(timer, "timer");
    }
}
