package io.shotload.stub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shotload.stub.chromium.ChromiumConfig;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code chromium} and {@code url_policy} sections of the stub config file. */
class ChromiumSectionsTest {

    @Test
    void absentSectionsTakeDefaults() {
        StubConfig config = StubConfig.defaults();

        assertThat(config.chromium()).isEqualTo(ChromiumConfig.DEFAULTS);
        assertThat(config.urlPolicy()).isEqualTo(UrlPolicyConfig.DEFAULTS);
    }

    @Test
    void sectionsAreRead() {
        StubConfig config = StubConfig.parse("""
                {"chromium": {"pages_per_browser": 2, "isolation": "reused_page", "max_pixel_area": 1000000,
                              "window_per_page": true},
                 "url_policy": {"allowed_hosts": ["*.example.com"], "allow_private": true}}
                """);

        assertThat(config.chromium().pagesPerBrowser()).isEqualTo(2);
        assertThat(config.chromium().windowPerPage()).isTrue();
        assertThat(ChromiumConfig.DEFAULTS.windowPerPage()).isFalse();
        assertThat(config.chromium().isolation()).isEqualTo(ChromiumConfig.Isolation.REUSED_PAGE);
        assertThat(config.chromium().maxPixelArea()).isEqualTo(1_000_000L);
        assertThat(config.chromium().settleMillis()).isEqualTo(ChromiumConfig.DEFAULT_SETTLE_MILLIS);
        assertThat(config.urlPolicy().allowedHosts()).containsExactly("*.example.com");
        assertThat(config.urlPolicy().allowPrivate()).isTrue();
        assertThat(config.urlPolicy().blockServiceWorkers()).isTrue();
    }

    /** Integer fields take a number with a zero fraction, as the integer fields of the other sections do. */
    @Test
    void integralDecimalsReadAsIntegers() {
        StubConfig config = StubConfig.parse("""
                {"chromium": {"pages_per_browser": 4.0, "settle_ms": 2.5e2, "max_pixel_area": 1.0e6},
                 "browser_pool": {"max_pool_size": 4.0}}
                """);

        assertThat(config.chromium().pagesPerBrowser()).isEqualTo(4);
        assertThat(config.chromium().settleMillis()).isEqualTo(250);
        assertThat(config.chromium().maxPixelArea()).isEqualTo(1_000_000L);
        assertThat(config.browserPool().maxPoolSize()).isEqualTo(4);
    }

    @Test
    void toJsonWritesEveryFieldInFileLayout() {
        ObjectNode json = StubConfig.defaults().toJson();

        for (ConfigField field : ChromiumSections.CHROMIUM_FIELDS) {
            assertThat(json.path("chromium").has(field.name())).as(field.path()).isTrue();
        }
        for (ConfigField field : ChromiumSections.URL_POLICY_FIELDS) {
            assertThat(json.path("url_policy").has(field.name())).as(field.path()).isTrue();
        }
        assertThat(json.path("chromium").path("isolation").asText()).isEqualTo("context");
    }

    @Test
    void jsonRoundTripKeepsSections() {
        StubConfig config = StubConfig.parse("""
                {"chromium": {"settle_ms": 0, "optimize_for_speed": true, "isolation": "reused_page"},
                 "url_policy": {"allowed_origins": ["http://127.0.0.1:9000"], "allow_loopback": true}}
                """);

        assertThat(StubConfig.parse(config.toJson().toString())).isEqualTo(config);
    }

    @Test
    void fieldDefaultsMatchJson() {
        ObjectNode json = StubConfig.defaults().toJson();

        for (BoundField field : ChromiumSections.CHROMIUM_FIELDS) {
            assertThat(json.path("chromium").path(field.name()).asText()).as(field.path()).isEqualTo(field.defaultText());
        }
        for (BoundField field : ChromiumSections.URL_POLICY_FIELDS) {
            String written = json.path("url_policy").path(field.name()).toString();
            assertThat(written).as(field.path()).isEqualTo(field.defaultText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            out of range    | {"chromium": {"pages_per_browser": 0}}         | Invalid stub config: chromium.pages_per_browser = 0; expected 1..64.
            string for int  | {"chromium": {"pages_per_browser": "4"}}       | Invalid stub config: chromium.pages_per_browser = "4"; expected an integer 1..64.
            fraction        | {"chromium": {"settle_ms": 1.5}}               | Invalid stub config: chromium.settle_ms = 1.5; expected an integer 0..60000.
            integral decimal out of range | {"chromium": {"pages_per_browser": 65.0} } | Invalid stub config: chromium.pages_per_browser = 65; expected 1..64.
            integral decimal over int | {"chromium": {"settle_ms": 1e10}}     | Invalid stub config: chromium.settle_ms = 1.0E10; expected an integer 0..60000.
            number for enum | {"chromium": {"isolation": 1}}               | Invalid stub config: chromium.isolation = 1; expected context or reused_page.
            decimal for enum | {"chromium": {"isolation": 1.0}}            | Invalid stub config: chromium.isolation = 1.0; expected context or reused_page.
            number for bool | {"chromium": {"optimize_for_speed": 1.0}}    | Invalid stub config: chromium.optimize_for_speed = 1.0; expected true or false.
            unknown enum    | {"chromium": {"isolation": "none"}}            | Invalid stub config: chromium.isolation = "none"; expected context or reused_page.
            null            | {"chromium": {"settle_ms": null}}              | Invalid stub config: chromium.settle_ms = null; expected 0..60000, or the field left out.
            unknown field   | {"chromium": {"headless": false}}              | Invalid stub config: chromium.headless = false is not a known field; expected one of executable_path, pages_per_browser, settle_ms, load_timeout_ms, hard_deadline_ms, isolation, max_captures_per_browser, max_full_page_height_px, max_pixel_area, optimize_for_speed, window_per_page.
            section no object | {"chromium": 3}                              | Invalid stub config: chromium = 3; expected a JSON object.
            load after deadline | {"chromium": {"load_timeout_ms": 30000}}   | Invalid stub config: chromium.load_timeout_ms = 30000; expected less than hard_deadline_ms (20000) so that a page that never fires load is still captured.
            bad origin      | {"url_policy": {"allowed_origins": ["ftp://x"]}} | Invalid stub config: url_policy.allowed_origins[0] = "ftp://x"; expected an http or https origin such as http://127.0.0.1:8080.
            number in list  | {"url_policy": {"allowed_hosts": [7]}}         | Invalid stub config: url_policy.allowed_hosts[0] = 7; expected a string in a list of host names, *.example.com for sub-domains.
            string for bool | {"url_policy": {"allow_private": "yes"}}       | Invalid stub config: url_policy.allow_private = "yes"; expected true or false.
            """)
    void invalidSectionIsRejected(String caseName, String json, String expectedMessage) {
        assertThatThrownBy(() -> StubConfig.parse(json))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void invalidFieldExposesPath() {
        assertThatThrownBy(() -> StubConfig.parse("{\"chromium\": {\"settle_ms\": -1}}"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.fieldPath()).isEqualTo("chromium.settle_ms"));
    }

    /** Each documented integer range is the one the record's constructor enforces, at both ends. */
    @Test
    void documentedRangesMatchConstructorChecks() {
        for (BoundField field : ChromiumSections.CHROMIUM_FIELDS) {
            if (!field.allowedText().matches("\\d+\\.\\.\\d+.*")) {
                continue;
            }
            String range = field.allowedText().split(",")[0];
            long min = Long.parseLong(range.substring(0, range.indexOf("..")));
            long max = Long.parseLong(range.substring(range.indexOf("..") + 2));
            // load_timeout_ms must stay below hard_deadline_ms, so its bounds are tested with the widest deadline.
            String extra = field.name().equals("load_timeout_ms") ? ", \"hard_deadline_ms\": 600000" : "";
            String extraBelow = field.name().equals("hard_deadline_ms") ? ", \"load_timeout_ms\": 100" : extra;

            for (long accepted : List.of(min, max)) {
                String json = "{\"chromium\": {\"" + field.name() + "\": " + accepted + extraBelow + "}}";
                if (field.name().equals("load_timeout_ms") && accepted == max) {
                    continue; // equal to the widest deadline, so it is rejected by the cross-field rule
                }
                assertThat(StubConfig.parse(json)).as(json).isNotNull();
            }
            for (long rejected : List.of(min - 1, max + 1)) {
                String json = "{\"chromium\": {\"" + field.name() + "\": " + rejected + extraBelow + "}}";
                assertThatThrownBy(() -> StubConfig.parse(json)).as(json).isInstanceOf(InvalidConfigException.class);
            }
        }
    }
}
