package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON binding and validation of the chromium and url_policy sections. */
class ChromiumConfigTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void emptyChromiumSectionGivesDefaults() throws Exception {
        ChromiumConfig config = json.readValue("{}", ChromiumConfig.class);

        assertThat(config).isEqualTo(ChromiumConfig.DEFAULTS);
    }

    @Test
    void chromiumFieldsBindBySnakeCaseName() throws Exception {
        ChromiumConfig config = json.readValue("""
                {"executable_path": "/opt/chromium/chrome", "pages_per_browser": 2, "settle_ms": 50,
                 "load_timeout_ms": 5000, "hard_deadline_ms": 8000, "isolation": "reused_page",
                 "max_captures_per_browser": 100, "max_full_page_height_px": 8000,
                 "max_pixel_area": 1000000, "optimize_for_speed": true}
                """, ChromiumConfig.class);

        assertThat(config.executablePath()).isEqualTo("/opt/chromium/chrome");
        assertThat(config.pagesPerBrowser()).isEqualTo(2);
        assertThat(config.settleMillis()).isEqualTo(50);
        assertThat(config.loadTimeoutMillis()).isEqualTo(5000);
        assertThat(config.hardDeadlineMillis()).isEqualTo(8000);
        assertThat(config.isolation()).isEqualTo(ChromiumConfig.Isolation.REUSED_PAGE);
        assertThat(config.maxCapturesPerBrowser()).isEqualTo(100);
        assertThat(config.maxFullPageHeightPixels()).isEqualTo(8000);
        assertThat(config.maxPixelArea()).isEqualTo(1_000_000L);
        assertThat(config.optimizeForSpeed()).isTrue();
    }

    @Test
    void loadTimeoutMustBeBelowHardDeadline() {
        assertThatThrownBy(() -> json.readValue("{\"load_timeout_ms\": 30000}", ChromiumConfig.class))
                .hasRootCauseMessage("Invalid stub config: chromium.load_timeout_ms = 30000; expected less than"
                        + " hard_deadline_ms (20000) so that a page that never fires load is still captured.");
    }

    @Test
    void urlPolicySectionBinds() throws Exception {
        UrlPolicyConfig config = json.readValue("""
                {"allowed_hosts": ["*.example.com"], "allow_private": true, "block_service_workers": false}
                """, UrlPolicyConfig.class);

        assertThat(config.allowedHosts()).isEqualTo(List.of("*.example.com"));
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.allowPrivate()).isTrue();
        assertThat(config.allowLoopback()).isFalse();
        assertThat(config.allowMetadata()).isFalse();
        assertThat(config.blockServiceWorkers()).isFalse();
    }

    @Test
    void emptyUrlPolicySectionGivesDefaults() throws Exception {
        assertThat(json.readValue("{}", UrlPolicyConfig.class)).isEqualTo(UrlPolicyConfig.DEFAULTS);
    }

    @Test
    void poolLimitsConvertUnits() {
        BrowserPoolLimits limits = BrowserPoolLimits.of(3, 600, 30, 1024);

        assertThat(limits.maxBrowserAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.browserTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.memoryLimitBytesPerBrowser()).isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void poolSizeZeroNamesField() {
        assertThatThrownBy(() -> BrowserPoolLimits.of(0, 600, 30, 1024))
                .hasMessage("Invalid stub config: browser_pool.max_pool_size = 0; expected 1..1000.");
    }
}
