package io.shotload.stub.backend;

import io.shotload.stub.mock.MockCaptureBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backends that {@code --backend} can name. Add a backend by adding one entry to {@link #FACTORIES}. */
public final class CaptureBackends {

    public static final String MOCK = "mock";
    public static final String CHROMIUM = "chromium";
    /** The backend used when {@code --backend} is not given. */
    public static final String DEFAULT = MOCK;

    private static final Map<String, CaptureBackendFactory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(MOCK, MockCaptureBackend::new);
        FACTORIES.put(CHROMIUM, new ChromiumBackendFactory());
    }

    private CaptureBackends() {
    }

    /** Returns the factory registered under {@code name}; throws {@link BackendUnavailableException} for an unknown name. */
    public static CaptureBackendFactory forName(String name) {
        CaptureBackendFactory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new BackendUnavailableException(
                    "Unknown backend '" + name + "'; expected one of " + names() + ".");
        }
        return factory;
    }

    /** Returns the registered names, comma-separated, for help text and error messages. */
    public static String names() {
        return String.join(", ", FACTORIES.keySet());
    }
}
