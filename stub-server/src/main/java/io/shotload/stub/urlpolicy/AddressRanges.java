package io.shotload.stub.urlpolicy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Classifies an IP address into the non-public ranges that the URL policy can deny.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}) are classified by the IPv4
 * address they carry, because that is where the connection ends up. Ranges follow the IANA IPv4 and
 * IPv6 special-purpose address registries (RFC 6890 and its updates).
 */
public final class AddressRanges {

    private AddressRanges() {
    }

    /** Returns the range {@code address} falls in, or empty for a public unicast address. */
    public static Optional<BlockReason> classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return classifyIpv4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return classifyIpv6(address.getAddress());
        }
        return Optional.of(BlockReason.RESERVED);
    }

    private static Optional<BlockReason> classifyIpv4(byte[] bytes) {
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        int c = bytes[2] & 0xff;
        int d = bytes[3] & 0xff;

        if (a == 169 && b == 254 && c == 169 && d == 254) {
            return Optional.of(BlockReason.METADATA);
        }
        if (a == 100 && b == 100 && c == 100 && d == 200) {
            // Alibaba Cloud's metadata service, inside the CGNAT range.
            return Optional.of(BlockReason.METADATA);
        }
        if (a == 127) {
            return Optional.of(BlockReason.LOOPBACK);
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return Optional.of(BlockReason.PRIVATE);
        }
        if (a == 169 && b == 254) {
            return Optional.of(BlockReason.LINK_LOCAL);
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return Optional.of(BlockReason.CGNAT);
        }
        boolean reserved = a == 0 // "this network"; 0.0.0.0 reaches local services on Linux
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 192 && b == 0 && c == 2) // TEST-NET-1
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || (a == 198 && b == 51 && c == 100) // TEST-NET-2
                || (a == 203 && b == 0 && c == 113) // TEST-NET-3
                || a >= 224; // multicast, reserved and broadcast
        return reserved ? Optional.of(BlockReason.RESERVED) : Optional.empty();
    }

    private static Optional<BlockReason> classifyIpv6(byte[] bytes) {
        if (isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            return classifyIpv4(slice(bytes, 12));
        }
        if (isZero(bytes, 0, 15)) {
            // :: is unspecified and ::1 is loopback.
            return Optional.of(bytes[15] == 1 ? BlockReason.LOOPBACK : BlockReason.RESERVED);
        }
        if (isZero(bytes, 0, 12)) {
            return classifyIpv4(slice(bytes, 12));
        }
        int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (first == 0x0064 && second == 0xff9b && isZero(bytes, 4, 12)) {
            return classifyIpv4(slice(bytes, 12));
        }
        if (first == 0x2002) {
            return classifyIpv4(slice(bytes, 2));
        }
        if (first == 0xfd00 && second == 0x0ec2 && isZero(bytes, 4, 14) && bytes[14] == 0x02 && bytes[15] == 0x54) {
            // fd00:ec2::254, the IPv6 address of the AWS instance metadata service.
            return Optional.of(BlockReason.METADATA);
        }
        if ((first & 0xfe00) == 0xfc00) {
            return Optional.of(BlockReason.PRIVATE);
        }
        if ((first & 0xffc0) == 0xfe80) {
            return Optional.of(BlockReason.LINK_LOCAL);
        }
        boolean reserved = (first & 0xff00) == 0xff00 // multicast
                || (first == 0x2001 && second == 0x0db8) // documentation
                || (first == 0x2001 && second == 0x0000) // Teredo, which hides an IPv4 address
                || first == 0x0100 // discard-only
                || (first & 0xffc0) == 0xfec0; // deprecated site-local
        return reserved ? Optional.of(BlockReason.RESERVED) : Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] bytes, int from) {
        return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
    }
}
