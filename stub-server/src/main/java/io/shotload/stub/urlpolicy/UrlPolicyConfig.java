package io.shotload.stub.urlpolicy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The {@code url_policy} section of the stub config: which URLs a page may load in chromium mode.
 *
 * <p>By default nothing is allowed except the origins the server adds itself (its own fixture
 * origin). An allowed origin is trusted whatever it resolves to; an allowed host is resolved and each
 * of its addresses must fall outside the denied ranges.
 *
 * @param allowedOrigins exact origins such as {@code http://127.0.0.1:8080}, trusted without range checks
 * @param allowedHosts host names on any http or https port; {@code *.example.com} matches sub-domains only
 * @param allowAnyHost true to allow every host whose addresses pass the range checks
 * @param allowLoopback true to allow 127.0.0.0/8 and ::1
 * @param allowPrivate true to allow 10/8, 172.16/12, 192.168/16 and fc00::/7
 * @param allowLinkLocal true to allow 169.254/16 and fe80::/10, except the metadata addresses
 * @param allowCgnat true to allow 100.64.0.0/10, except the metadata addresses
 * @param allowMetadata true to allow cloud metadata addresses such as 169.254.169.254
 * @param blockServiceWorkers true to stop every service worker a page starts
 */
public record UrlPolicyConfig(
        @JsonProperty("allowed_origins") List<String> allowedOrigins,
        @JsonProperty("allowed_hosts") List<String> allowedHosts,
        @JsonProperty("allow_any_host") boolean allowAnyHost,
        @JsonProperty("allow_loopback") boolean allowLoopback,
        @JsonProperty("allow_private") boolean allowPrivate,
        @JsonProperty("allow_link_local") boolean allowLinkLocal,
        @JsonProperty("allow_cgnat") boolean allowCgnat,
        @JsonProperty("allow_metadata") boolean allowMetadata,
        @JsonProperty("block_service_workers") boolean blockServiceWorkers) {

    /** Only the server's own origins; every range denied; service workers blocked. */
    public static final UrlPolicyConfig DEFAULTS =
            new UrlPolicyConfig(List.of(), List.of(), false, false, false, false, false, false, true);

    public UrlPolicyConfig {
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        for (int i = 0; i < allowedOrigins.size(); i++) {
            String origin = allowedOrigins.get(i);
            var parsed = ParsedUrl.parse(origin);
            if (parsed.isEmpty() || !parsed.get().hasHost()
                    || !(parsed.get().scheme().equals("http") || parsed.get().scheme().equals("https"))) {
                throw new IllegalArgumentException("Invalid stub config: url_policy.allowed_origins[" + i + "] = \""
                        + origin + "\"; expected an http or https origin such as http://127.0.0.1:8080.");
            }
        }
        for (int i = 0; i < allowedHosts.size(); i++) {
            String host = allowedHosts.get(i);
            String name = host.startsWith("*.") ? host.substring(2) : host;
            boolean valid = !name.isEmpty()
                    && name.chars().noneMatch(c -> "/:*@?#".indexOf(c) >= 0)
                    && ParsedUrl.parse("http://" + name + "/").isPresent();
            if (!valid) {
                throw new IllegalArgumentException("Invalid stub config: url_policy.allowed_hosts[" + i + "] = \""
                        + host + "\"; expected a host name such as example.com or *.example.com.");
            }
        }
    }

    /** Builds the config from JSON; a missing field takes its value from {@link #DEFAULTS}. */
    @JsonCreator
    public static UrlPolicyConfig fromJson(
            @JsonProperty("allowed_origins") List<String> allowedOrigins,
            @JsonProperty("allowed_hosts") List<String> allowedHosts,
            @JsonProperty("allow_any_host") Boolean allowAnyHost,
            @JsonProperty("allow_loopback") Boolean allowLoopback,
            @JsonProperty("allow_private") Boolean allowPrivate,
            @JsonProperty("allow_link_local") Boolean allowLinkLocal,
            @JsonProperty("allow_cgnat") Boolean allowCgnat,
            @JsonProperty("allow_metadata") Boolean allowMetadata,
            @JsonProperty("block_service_workers") Boolean blockServiceWorkers) {
        UrlPolicyConfig defaults = DEFAULTS;
        return new UrlPolicyConfig(
                allowedOrigins != null ? allowedOrigins : defaults.allowedOrigins(),
                allowedHosts != null ? allowedHosts : defaults.allowedHosts(),
                allowAnyHost != null ? allowAnyHost : defaults.allowAnyHost(),
                allowLoopback != null ? allowLoopback : defaults.allowLoopback(),
                allowPrivate != null ? allowPrivate : defaults.allowPrivate(),
                allowLinkLocal != null ? allowLinkLocal : defaults.allowLinkLocal(),
                allowCgnat != null ? allowCgnat : defaults.allowCgnat(),
                allowMetadata != null ? allowMetadata : defaults.allowMetadata(),
                blockServiceWorkers != null ? blockServiceWorkers : defaults.blockServiceWorkers());
    }
}
