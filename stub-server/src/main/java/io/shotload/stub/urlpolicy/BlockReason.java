package io.shotload.stub.urlpolicy;

/**
 * Why the URL policy rejected a request; {@link #label()} is the {@code reason} label of
 * {@code screenshot_blocked_total}.
 */
public enum BlockReason {
    /** The URL could not be parsed, or its host is empty or invalid. */
    MALFORMED_URL("malformed_url"),
    /** A scheme other than http or https at the top level, or an unknown scheme for a subresource. */
    SCHEME("scheme"),
    /** The host is neither an allowed origin nor an allowed host. */
    HOST_NOT_ALLOWED("host_not_allowed"),
    /** The host name did not resolve. */
    UNRESOLVED_HOST("unresolved_host"),
    /** 127.0.0.0/8 or ::1. */
    LOOPBACK("loopback"),
    /** 10/8, 172.16/12, 192.168/16 and IPv6 unique local fc00::/7. */
    PRIVATE("private"),
    /** 169.254/16 and fe80::/10. */
    LINK_LOCAL("link_local"),
    /** Carrier-grade NAT, 100.64.0.0/10. */
    CGNAT("cgnat"),
    /** Cloud instance metadata addresses such as 169.254.169.254, fd00:ec2::254 and 100.100.100.200. */
    METADATA("metadata"),
    /** Unspecified, multicast, broadcast, documentation and other reserved ranges; never allowed. */
    RESERVED("reserved"),
    /** A page tried to start a service worker. */
    SERVICE_WORKER("service_worker");

    private final String label;

    BlockReason(String label) {
        this.label = label;
    }

    /** Returns the metric label and the JSON name of this reason. */
    public String label() {
        return label;
    }
}
