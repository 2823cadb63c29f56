package io.shotload.stub.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.stub.chromium.cdp.CdpConnection;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Chromium sends to a SOCKS5 proxy. The egress proxy closes DNS rebinding only if Chromium sends
 * host names (address type DOMAIN) and leaves their resolution to the proxy.
 *
 * <p>The proxy here is a recorder on 127.0.0.1 that reads the greeting and the CONNECT request, replies
 * "connection not allowed" and connects nowhere. {@code --host-resolver-rules} maps the test name to
 * 127.0.0.9 inside Chromium, so a local lookup would show up as an IPv4 CONNECT to that address, and
 * no DNS query leaves the machine either way. Chromium 156 sends IP literals as DOMAIN too, so the
 * egress proxy parses every name as a URL host does.
 */
class ChromiumSocksAddressTypeTest {

    private static final int ADDRESS_TYPE_IPV4 = 1;
    private static final int ADDRESS_TYPE_DOMAIN = 3;
    private static final int ADDRESS_TYPE_IPV6 = 4;

    /** A CONNECT request as the recorder read it. */
    private record ConnectRequest(int addressType, String host, int port) {
    }

    @BeforeAll
    static void assumeChromiumInstalled() {
        ChromiumTestSupport.assumeChromiumInstalled();
    }

    @Test
    void hostsSentAsDomainNames() throws Exception {
        Map<Integer, ConnectRequest> firstRequestByPort = recordFirstConnects(
                List.of("http://app.test:8080/", "http://127.0.0.5:8081/", "http://[::1]:8082/"));

        assertThat(firstRequestByPort.get(8080)).as("CONNECT for the host name")
                .isEqualTo(new ConnectRequest(ADDRESS_TYPE_DOMAIN, "app.test", 8080));
        assertThat(firstRequestByPort.get(8081)).as("CONNECT for the IPv4 literal")
                .isEqualTo(new ConnectRequest(ADDRESS_TYPE_DOMAIN, "127.0.0.5", 8081));
        assertThat(firstRequestByPort.get(8082)).as("CONNECT for the IPv6 literal, without brackets")
                .isEqualTo(new ConnectRequest(ADDRESS_TYPE_DOMAIN, "::1", 8082));
    }

    /**
     * Starts Chromium behind the recorder, opens each URL in a page and returns the first CONNECT
     * request for each port, waiting at most 20 seconds. Chromium also connects for its own background
     * requests (such as accounts.google.com:443); those are rejected like the others and left out.
     */
    private static Map<Integer, ConnectRequest> recordFirstConnects(List<String> urls) throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (String url : urls) {
            ports.add(URI.create(url).getPort());
        }
        Map<Integer, ConnectRequest> firstRequestByPort = new HashMap<>();
        try (ServerSocket recorder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> args = List.of(
                    "--proxy-server=socks5://127.0.0.1:" + recorder.getLocalPort(),
                    "--proxy-bypass-list=<-loopback>",
                    "--host-resolver-rules=MAP app.test 127.0.0.9");
            ChromiumProcess process = ChromiumProcess.launch(ChromiumConfig.DEFAULT_EXECUTABLE_PATH, args,
                    Duration.ofSeconds(30), "socks-recorder");
            try (CdpConnection cdp = CdpConnection.open("socks-recorder", process.webSocketUrl(),
                    Duration.ofSeconds(30))) {
                for (String url : urls) {
                    cdp.send("Target.createTarget", Map.of("url", url)).get(30, TimeUnit.SECONDS);
                }
                long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!firstRequestByPort.keySet().containsAll(ports)) {
                    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                    if (remainingMillis <= 0) {
                        break;
                    }
                    recorder.setSoTimeout((int) remainingMillis);
                    Socket client;
                    try {
                        client = recorder.accept();
                    } catch (SocketTimeoutException noMoreConnections) {
                        break;
                    }
                    try (client) {
                        client.setSoTimeout(5_000);
                        ConnectRequest request = readConnectAndRefuse(client);
                        if (ports.contains(request.port())) {
                            firstRequestByPort.putIfAbsent(request.port(), request);
                        }
                    } catch (EOFException | SocketTimeoutException abandoned) {
                        // Chromium sometimes opens a connection and closes it before sending a CONNECT. Such
                        // a connection names no host, so the recorder moves on to the next one.
                    }
                }
            } finally {
                process.kill();
            }
        }
        return firstRequestByPort;
    }

    private static ConnectRequest readConnectAndRefuse(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        int version = in.readUnsignedByte();
        assertThat(version).as("SOCKS version").isEqualTo(5);
        in.readNBytes(in.readUnsignedByte());
        out.write(new byte[] {5, 0});
        out.flush();

        in.readUnsignedByte();
        int command = in.readUnsignedByte();
        assertThat(command).as("SOCKS command").isEqualTo(1);
        in.readUnsignedByte();
        int addressType = in.readUnsignedByte();
        String host = switch (addressType) {
            case ADDRESS_TYPE_IPV4 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case ADDRESS_TYPE_IPV6 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            case ADDRESS_TYPE_DOMAIN -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            default -> throw new IOException("Invalid SOCKS5 address type " + addressType);
        };
        int port = in.readUnsignedShort();
        // Reply 2, "connection not allowed by ruleset", with an empty IPv4 bound address.
        out.write(new byte[] {5, 2, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
        return new ConnectRequest(addressType, host, port);
    }
}
