package io.shotload.stub.backend;

import io.shotload.stub.capture.CaptureBackend;
import io.shotload.stub.chromium.BrowserPoolLimits;
import io.shotload.stub.chromium.ChromiumBackend;
import io.shotload.stub.config.StubConfig;
import io.shotload.stub.urlpolicy.HostResolver;
import io.shotload.stub.urlpolicy.UrlPolicy;
import java.util.List;

/**
 * Builds the {@link ChromiumBackend} from the stub config: the {@code chromium} section, the pool limits
 * from {@code browser_pool} and {@code resource_limits}, and a URL policy that always allows the
 * server's own origin, so the fixture site under {@code /fixtures/} can be captured.
 */
final class ChromiumBackendFactory implements CaptureBackendFactory {

    @Override
    public CaptureBackend create(BackendContext context) {
        StubConfig config = context.config();
        BrowserPoolLimits limits = BrowserPoolLimits.of(
                config.browserPool().maxPoolSize(),
                Math.toIntExact(config.browserPool().maxBrowserAge().toSeconds()),
                Math.toIntExact(config.browserPool().browserTimeout().toSeconds()),
                config.resourceLimits().memoryLimitMegabytesPerBrowser());
        UrlPolicy policy = new UrlPolicy(
                config.urlPolicy(), List.of(context.serverBaseUrl().toString()), HostResolver.system());
        try {
            return new ChromiumBackend(config.chromium(), limits, policy);
        } catch (IllegalStateException e) {
            // ChromiumBackend names the install command or the config field in this message.
            throw new BackendUnavailableException("The chromium backend cannot start: " + e.getMessage());
        }
    }
}
