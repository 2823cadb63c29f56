package io.shotload.stub.urlpolicy;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A URL reduced to what the policy checks: scheme, host and port, normalised the way a browser does
 * before it connects.
 *
 * <p>The host rules follow the WHATWG URL Standard's host parser, which Chromium implements: a host
 * whose last label is a number is an IPv4 address written in 1 to 4 parts, each decimal, octal
 * (leading {@code 0}) or hex ({@code 0x}), so {@code 2130706433}, {@code 0177.0.0.1} and
 * {@code 0x7f.1} all mean 127.0.0.1. Letters are lower-cased, one trailing dot dropped, percent
 * escapes decoded and international names converted to ASCII. Only the schemes with an authority that
 * browsers treat as special (http, https, ws, wss) get a host; for every other scheme {@link #host()}
 * is null.
 *
 * @param scheme the lower-case scheme without the colon
 * @param host the normalised host, IPv6 without brackets; null for schemes without a host
 * @param port the explicit port, or the scheme's default; -1 for schemes without a host
 * @param address the address when the host is an IP literal, otherwise null
 */
public record ParsedUrl(String scheme, String host, int port, InetAddress address) {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String FORBIDDEN_HOST_CHARACTERS = " #%/:<>?@[\\]^|";

    /** Returns true when the scheme has an authority that the policy must check: http, https, ws or wss. */
    public boolean hasHost() {
        return host != null;
    }

    /** Returns the origin as {@code scheme://host:port}, with ws mapped to http and wss to https. */
    public String origin() {
        String httpScheme = switch (scheme) {
            case "ws" -> "http";
            case "wss" -> "https";
            default -> scheme;
        };
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return httpScheme + "://" + hostPart + ":" + port;
    }

    /**
     * Parses {@code raw}.
     *
     * @return the parsed URL, or empty if it is not a valid absolute URL
     */
    public static Optional<ParsedUrl> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String url = stripControls(raw);
        var schemeMatch = SCHEME.matcher(url);
        if (!schemeMatch.find()) {
            return Optional.empty();
        }
        String scheme = url.substring(0, schemeMatch.end() - 1).toLowerCase(Locale.ROOT);
        int defaultPort = defaultPort(scheme);
        if (defaultPort < 0) {
            return Optional.of(new ParsedUrl(scheme, null, -1, null));
        }

        // Special schemes treat backslashes as slashes and skip any run of them before the authority.
        String rest = url.substring(schemeMatch.end()).replace('\\', '/');
        int authorityStart = 0;
        while (authorityStart < rest.length() && rest.charAt(authorityStart) == '/') {
            authorityStart++;
        }
        int authorityEnd = authorityStart;
        while (authorityEnd < rest.length() && "/?#".indexOf(rest.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = rest.substring(authorityStart, authorityEnd);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return parseHostAndPort(scheme, authority, defaultPort);
    }

    private static Optional<ParsedUrl> parseHostAndPort(String scheme, String authority, int defaultPort) {
        String hostText;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            hostText = authority.substring(0, close + 1);
            String afterHost = authority.substring(close + 1);
            if (!afterHost.isEmpty() && !afterHost.startsWith(":")) {
                return Optional.empty();
            }
            portText = afterHost.isEmpty() ? "" : afterHost.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }

        int port = defaultPort;
        if (!portText.isEmpty()) {
            if (!portText.chars().allMatch(c -> c >= '0' && c <= '9') || portText.length() > 5) {
                return Optional.empty();
            }
            port = Integer.parseInt(portText);
            if (port > 65_535) {
                return Optional.empty();
            }
        }

        int finalPort = port;
        if (hostText.startsWith("[")) {
            return parseIpv6(hostText.substring(1, hostText.length() - 1))
                    .map(address -> new ParsedUrl(scheme, address.getHostAddress(), finalPort, address));
        }
        return parseHost(hostText).map(parsed -> new ParsedUrl(scheme, parsed.name, finalPort, parsed.address));
    }

    private record Host(String name, InetAddress address) {
    }

    private static Optional<Host> parseHost(String text) {
        String decoded = percentDecode(text);
        if (decoded == null || decoded.isEmpty()) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalidName) {
            return Optional.empty();
        }
        if (ascii.isEmpty() || ascii.chars().anyMatch(c -> c <= ' ' || c == 0x7f
                || FORBIDDEN_HOST_CHARACTERS.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        if (endsInNumber(ascii)) {
            return parseIpv4(ascii).map(address -> new Host(address.getHostAddress(), address));
        }
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        return name.isEmpty() ? Optional.empty() : Optional.of(new Host(name, null));
    }

    /** Returns true when the last label, ignoring one trailing dot, is a decimal or 0x-hex number. */
    private static boolean endsInNumber(String host) {
        List<String> parts = splitLabels(host);
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return parseIpv4Number(last) >= 0;
    }

    private static List<String> splitLabels(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    private static Optional<InetAddress> parseIpv4(String host) {
        List<String> parts = splitLabels(host);
        if (parts.size() > 4) {
            return Optional.empty();
        }
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            numbers[i] = parseIpv4Number(parts.get(i));
            if (numbers[i] < 0) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return Optional.empty();
            }
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            return Optional.empty();
        }
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Parses one IPv4 part: 0x-hex, 0-octal or decimal; returns -1 if it is not a number or too large. */
    private static long parseIpv4Number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 12) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static Optional<InetAddress> parseIpv6(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            // A bracketed literal is parsed as an address, never looked up.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException invalid) {
            return Optional.empty();
        }
    }

    /** Decodes %XX escapes as UTF-8; returns null for a % that does not start an escape. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (codePoint != '%') {
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
                continue;
            }
            boolean escape = i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0;
            if (!escape) {
                return null;
            }
            bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
            i += 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String stripControls(String raw) {
        String withoutTabsAndNewlines = raw.replace("\t", "").replace("\n", "").replace("\r", "");
        int start = 0;
        int end = withoutTabsAndNewlines.length();
        while (start < end && withoutTabsAndNewlines.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && withoutTabsAndNewlines.charAt(end - 1) <= ' ') {
            end--;
        }
        return withoutTabsAndNewlines.substring(start, end);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }
}
