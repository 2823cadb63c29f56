package io.shotload.stub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The addresses the stub may listen on: loopback only ({@code 127.0.0.0/8}, {@code ::1} or
 * {@code localhost}), because it is a test fixture with no authentication and load tests must stay on
 * this machine. Names other than {@code localhost} are rejected without a DNS look-up.
 */
final class LoopbackHosts {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackHosts() {
    }

    /** Returns the address for {@code host}; throws {@link IllegalArgumentException} unless it is loopback. */
    static InetAddress requireLoopback(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean isLiteral = IPV4_LITERAL.matcher(literal).matches() || literal.contains(":");
        if (!literal.equalsIgnoreCase("localhost") && !isLiteral) {
            throw notLoopback(host);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid host '" + host + "': " + e.getMessage(), e);
        }
        if (!address.isLoopbackAddress()) {
            throw notLoopback(host);
        }
        return address;
    }

    private static IllegalArgumentException notLoopback(String host) {
        return new IllegalArgumentException("Invalid host '" + host
                + "': the stub listens on loopback addresses only (127.0.0.1, ::1 or localhost).");
    }
}
