package io.shotload.stub.urlpolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a page may load a URL, before any connection is made (a guard against server-side
 * request forgery through the browser).
 *
 * <p>Order of checks: parse and normalise the URL ({@link ParsedUrl}); check the scheme; allow an exact
 * match of an allowed origin; reject an IP literal in a denied range; reject a host that no allowed
 * host matches (without resolving it); resolve the host and reject it when any of its addresses is in
 * a denied range, because the browser may connect to any of them.
 *
 * <p>NOTE: the browser resolves the name again when it connects, so a DNS server that answers
 * differently the second time (DNS rebinding) can get past the range check of an allowed host. Allowed
 * origins and IP literals are not affected.
 */
public final class UrlPolicy {

    /** Schemes a subresource may use without a network request of its own. */
    private static final Set<String> LOCAL_SUBRESOURCE_SCHEMES = Set.of("data", "blob", "about");

    private final UrlPolicyConfig config;
    private final List<String> allowedOrigins;
    private final HostResolver resolver;

    /**
     * @param config the {@code url_policy} section
     * @param serverOrigins origins the server adds to {@code allowed_origins}, such as its fixture origin
     * @param resolver resolves host names that pass the allow-list
     */
    public UrlPolicy(UrlPolicyConfig config, List<String> serverOrigins, HostResolver resolver) {
        this.config = config;
        this.resolver = resolver;
        List<String> origins = new ArrayList<>();
        for (String origin : concat(config.allowedOrigins(), serverOrigins)) {
            ParsedUrl parsed = ParsedUrl.parse(origin)
                    .filter(ParsedUrl::hasHost)
                    .orElseThrow(() -> new IllegalArgumentException("Invalid allowed origin \"" + origin
                            + "\"; expected an http or https origin such as http://127.0.0.1:8080."));
            origins.add(parsed.origin());
        }
        this.allowedOrigins = List.copyOf(origins);
    }

    /**
     * Returns the allowed origins as {@code host:port}, when they are the only URLs this policy allows
     * (no allowed hosts and not {@code allow_any_host}); otherwise empty. The chromium backend then
     * routes every other connection, WebSockets included, to a closed proxy port on loopback.
     */
    public Optional<List<String>> originOnlyHostPorts() {
        if (config.allowAnyHost() || !config.allowedHosts().isEmpty()) {
            return Optional.empty();
        }
        List<String> hostPorts = new ArrayList<>();
        for (String origin : allowedOrigins) {
            hostPorts.add(origin.substring(origin.indexOf("://") + 3));
        }
        return Optional.of(hostPorts);
    }

    /** Returns true when service workers must be stopped. */
    public boolean blocksServiceWorkers() {
        return config.blockServiceWorkers();
    }

    /** Checks a top-level navigation: only http and https. */
    public UrlDecision checkNavigation(String url) {
        Optional<ParsedUrl> parsed = ParsedUrl.parse(url);
        if (parsed.isEmpty()) {
            return UrlDecision.block(BlockReason.MALFORMED_URL, "invalid URL");
        }
        String scheme = parsed.get().scheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return UrlDecision.block(BlockReason.SCHEME, "scheme " + scheme + ": is not allowed; use http or https");
        }
        return checkHost(parsed.get());
    }

    /**
     * Checks a request a page makes: a redirect, frame, subresource, fetch, worker script or WebSocket.
     * The data, blob and about schemes are allowed because they make no network request.
     */
    public UrlDecision checkSubresource(String url) {
        Optional<ParsedUrl> parsed = ParsedUrl.parse(url);
        if (parsed.isEmpty()) {
            return UrlDecision.block(BlockReason.MALFORMED_URL, "invalid URL");
        }
        if (LOCAL_SUBRESOURCE_SCHEMES.contains(parsed.get().scheme())) {
            return UrlDecision.ALLOW;
        }
        if (!parsed.get().hasHost()) {
            return UrlDecision.block(BlockReason.SCHEME, "scheme " + parsed.get().scheme() + ": is not allowed");
        }
        return checkHost(parsed.get());
    }

    private UrlDecision checkHost(ParsedUrl url) {
        if (allowedOrigins.contains(url.origin())) {
            return UrlDecision.ALLOW;
        }
        if (url.address() != null) {
            Optional<BlockReason> denied = deniedRange(url.address());
            if (denied.isPresent()) {
                return UrlDecision.block(denied.get(), "address " + url.host() + " is in a denied range");
            }
        }
        if (!config.allowAnyHost() && !hostAllowed(url.host())) {
            return UrlDecision.block(BlockReason.HOST_NOT_ALLOWED, "host " + url.host() + " is not allowed");
        }
        if (url.address() != null) {
            return UrlDecision.ALLOW;
        }

        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(url.host());
        } catch (UnknownHostException unresolved) {
            return UrlDecision.block(BlockReason.UNRESOLVED_HOST, "host " + url.host() + " did not resolve");
        }
        if (addresses.isEmpty()) {
            return UrlDecision.block(BlockReason.UNRESOLVED_HOST, "host " + url.host() + " did not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<BlockReason> denied = deniedRange(address);
            if (denied.isPresent()) {
                return UrlDecision.block(denied.get(),
                        "host " + url.host() + " resolves to " + address.getHostAddress() + ", a denied range");
            }
        }
        return UrlDecision.ALLOW;
    }

    private boolean hostAllowed(String host) {
        for (String pattern : config.allowedHosts()) {
            String lowerPattern = pattern.toLowerCase(Locale.ROOT);
            if (lowerPattern.startsWith("*.")) {
                if (host.endsWith(lowerPattern.substring(1))) {
                    return true;
                }
            } else if (host.equals(ParsedUrl.parse("http://" + lowerPattern + "/").map(ParsedUrl::host)
                    .orElse(lowerPattern))) {
                return true;
            }
        }
        return false;
    }

    private Optional<BlockReason> deniedRange(InetAddress address) {
        Optional<BlockReason> range = AddressRanges.classify(address);
        if (range.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = switch (range.get()) {
            case LOOPBACK -> config.allowLoopback();
            case PRIVATE -> config.allowPrivate();
            case LINK_LOCAL -> config.allowLinkLocal();
            case CGNAT -> config.allowCgnat();
            case METADATA -> config.allowMetadata();
            default -> false;
        };
        return allowed ? Optional.empty() : range;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
