package io.shotload.stub.urlpolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a page may load a URL, or the browser open a connection, before any connection is
 * made (a guard against server-side request forgery through the browser).
 *
 * <p>Order of checks: parse and normalise the URL ({@link ParsedUrl}); check the scheme; allow an exact
 * match of an allowed origin; reject an IP literal in a denied range; reject a host that no allowed
 * host matches (without resolving it); resolve the host and reject it when any of its addresses is in
 * a denied range, because the browser may connect to any of them. {@link #checkConnection} applies the
 * same rules to a host and port, with an allowed origin matched by host and port.
 *
 * <p>NOTE: the browser resolves a name again when it connects by itself, so the URL checks alone do not
 * stop DNS rebinding of an allowed host. The chromium backend therefore sends every connection except
 * those to allowed origins through its egress proxy, which connects only to the addresses that
 * {@link #checkConnection} returns.
 */
public final class UrlPolicy {

    /** Schemes a subresource may use without a network request of its own. */
    private static final Set<String> LOCAL_SUBRESOURCE_SCHEMES = Set.of("data", "blob", "about");

    private final UrlPolicyConfig config;
    private final List<String> allowedOrigins;
    private final List<String> allowedOriginHostPorts;
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
        this.allowedOriginHostPorts = origins.stream().map(UrlPolicy::hostAndPort).distinct().toList();
    }

    /**
     * Returns the allowed origins as {@code host:port}, IPv6 hosts in brackets. The chromium backend lets
     * the browser connect to these directly and sends every other connection through its egress proxy.
     */
    public List<String> allowedOriginHostPorts() {
        return allowedOriginHostPorts;
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

    /**
     * Checks a connection request that the browser sends to its proxy, to {@code host} on {@code port},
     * and resolves a host name once. An allowed origin's host and port are trusted, whatever scheme the
     * connection carries. Every other host goes through the checks of {@link #checkSubresource}.
     *
     * @param host a host name or an IP literal as a SOCKS5 client sends it, IPv6 with or without
     *     brackets, normalised like a URL host
     * @return the decision and, when allowed, the only addresses the caller may connect to
     */
    public ConnectionDecision checkConnection(String host, int port) {
        if (port < 1 || port > 65_535) {
            return ConnectionDecision.block(BlockReason.MALFORMED_URL, "port " + port + " is invalid");
        }
        Optional<ParsedUrl> parsed = parseConnectionHost(host, port);
        if (parsed.isEmpty()) {
            return ConnectionDecision.block(BlockReason.MALFORMED_URL, "host \"" + host + "\" is invalid");
        }
        ParsedUrl url = parsed.get();
        if (allowedOriginHostPorts.contains(hostAndPort(url.origin()))) {
            return trustedOriginAddresses(url);
        }
        return checkUntrustedHost(url);
    }

    private static Optional<ParsedUrl> parseConnectionHost(String host, int port) {
        // A name with URL delimiters would parse as a different host, or with the default port.
        if (host.isEmpty() || host.chars().anyMatch(c -> "/\\?#@".indexOf(c) >= 0)) {
            return Optional.empty();
        }
        boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        String authority = (bareIpv6 ? "[" + host + "]" : host) + ":" + port;
        return ParsedUrl.parse("http://" + authority + "/").filter(url -> url.port() == port);
    }

    private ConnectionDecision trustedOriginAddresses(ParsedUrl url) {
        if (url.address() != null) {
            return ConnectionDecision.allow(List.of(url.address()));
        }
        return resolve(url.host())
                .map(ConnectionDecision::allow)
                .orElseGet(() -> unresolved(url.host()));
    }

    private UrlDecision checkHost(ParsedUrl url) {
        if (allowedOrigins.contains(url.origin())) {
            return UrlDecision.ALLOW;
        }
        return checkUntrustedHost(url).decision();
    }

    private ConnectionDecision checkUntrustedHost(ParsedUrl url) {
        if (url.address() != null) {
            Optional<BlockReason> denied = deniedRange(url.address());
            if (denied.isPresent()) {
                return ConnectionDecision.block(denied.get(), "address " + url.host() + " is in a denied range");
            }
        }
        if (!config.allowAnyHost() && !hostAllowed(url.host())) {
            return ConnectionDecision.block(BlockReason.HOST_NOT_ALLOWED, "host " + url.host() + " is not allowed");
        }
        if (url.address() != null) {
            return ConnectionDecision.allow(List.of(url.address()));
        }

        Optional<List<InetAddress>> addresses = resolve(url.host());
        if (addresses.isEmpty()) {
            return unresolved(url.host());
        }
        for (InetAddress address : addresses.get()) {
            Optional<BlockReason> denied = deniedRange(address);
            if (denied.isPresent()) {
                return ConnectionDecision.block(denied.get(),
                        "host " + url.host() + " resolves to " + address.getHostAddress() + ", a denied range");
            }
        }
        return ConnectionDecision.allow(addresses.get());
    }

    /** Returns the addresses of {@code host}, or empty when it does not resolve or has no address. */
    private Optional<List<InetAddress>> resolve(String host) {
        try {
            List<InetAddress> addresses = resolver.resolve(host);
            return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses);
        } catch (UnknownHostException unresolved) {
            return Optional.empty();
        }
    }

    private static ConnectionDecision unresolved(String host) {
        return ConnectionDecision.block(BlockReason.UNRESOLVED_HOST, "host " + host + " did not resolve");
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

    /** Returns the {@code host:port} part of an origin as {@link ParsedUrl#origin()} writes it. */
    private static String hostAndPort(String origin) {
        return origin.substring(origin.indexOf("://") + 3);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
