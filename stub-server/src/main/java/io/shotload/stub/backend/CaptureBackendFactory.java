package io.shotload.stub.backend;

import io.shotload.stub.capture.CaptureBackend;

/** Creates a {@link CaptureBackend} for one server; chosen by {@code --backend} or passed to {@code StubServer.start}. */
@FunctionalInterface
public interface CaptureBackendFactory {

    /**
     * Creates and starts the backend.
     *
     * @throws BackendUnavailableException when this backend cannot run here
     */
    CaptureBackend create(BackendContext context);
}
