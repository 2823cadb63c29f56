package io.shotload.stub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shotload.stub.urlpolicy.BlockReason;
import io.shotload.stub.urlpolicy.UrlPolicy;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy on 127.0.0.1 with real sockets: JDK clients through {@link Proxy.Type#SOCKS} (which
 * send a name given by {@link InetSocketAddress#createUnresolved} as a SOCKS5 DOMAIN address), raw
 * SOCKS5 bytes for what the JDK does not send, and a loopback echo server. Names resolve through a
 * fixed table, and the outbound connector records every target and connects to loopback only, so a
 * denied address such as 10.0.0.7 is only ever named, never reached.
 */
class EgressProxyTest {

    private static final int SOCKS_VERSION = 5;
    private static final int REPLY_NOT_ALLOWED = 2;
    private static final int REPLY_CONNECTION_REFUSED = 5;
    private static final int REPLY_COMMAND_NOT_SUPPORTED = 7;

    private final FixedResolver resolver = new FixedResolver();
    private final LoopbackOnlyConnector connector = new LoopbackOnlyConnector();
    private final List<BlockReason> blocked = new CopyOnWriteArrayList<>();
    private EgressProxy proxy;
    private EchoServer echo;

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void allowedNameRelaysBothWays() throws Exception {
        resolver.answer("app.test", "127.0.0.1");
        start(appTestOnLoopback());
        echo = new EchoServer();
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);

        byte[] echoed;
        try (Socket socket = socksSocket(InetSocketAddress.createUnresolved("app.test", echo.port()))) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> write(socket, payload));
            echoed = new DataInputStream(socket.getInputStream()).readNBytes(payload.length);
            sent.get(10, TimeUnit.SECONDS);
        }

        assertThat(Arrays.equals(echoed, payload)).as("1 MiB echoed unchanged").isTrue();
        assertThat(connector.targets()).containsExactly(new InetSocketAddress("127.0.0.1", echo.port()));
        assertThat(resolver.lookups()).containsExactly("app.test");
        assertThat(blocked).isEmpty();
    }

    @Test
    void connectSentWithGreetingRelays() throws Exception {
        resolver.answer("app.test", "127.0.0.1");
        start(appTestOnLoopback());
        echo = new EchoServer();
        byte[] address = domainAddress("app.test");
        byte[] greetingAndConnect = new byte[3 + 3 + address.length + 2];
        greetingAndConnect[0] = SOCKS_VERSION;
        greetingAndConnect[1] = 1;
        greetingAndConnect[3] = SOCKS_VERSION;
        greetingAndConnect[4] = 1;
        System.arraycopy(address, 0, greetingAndConnect, 6, address.length);
        greetingAndConnect[greetingAndConnect.length - 2] = (byte) (echo.port() >> 8);
        greetingAndConnect[greetingAndConnect.length - 1] = (byte) echo.port();

        try (Socket socket = rawSocket()) {
            socket.getOutputStream().write(greetingAndConnect);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] methodReply = in.readNBytes(2);
            byte[] connectReply = in.readNBytes(10);
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            byte[] echoed = in.readNBytes(4);

            assertThat(methodReply).as("method selection").containsExactly(SOCKS_VERSION, 0);
            assertThat(connectReply[1]).as("CONNECT reply code").isEqualTo((byte) 0);
            assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
    }

    @Test
    void nameResolvingToPrivateRejected() throws Exception {
        resolver.answer("app.test", "10.0.0.7");
        start(appTestOnLoopback());

        Throwable error = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("app.test", 80)));

        assertThat(error).isInstanceOf(IOException.class);
        assertThat(blocked).containsExactly(BlockReason.PRIVATE);
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void nameNotAllowedRejectedWithoutLookup() throws Exception {
        resolver.answer("other.test", "127.0.0.1");
        start(appTestOnLoopback());

        Throwable error = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("other.test", 80)));

        assertThat(error).isInstanceOf(IOException.class);
        assertThat(blocked).containsExactly(BlockReason.HOST_NOT_ALLOWED);
        assertThat(resolver.lookups()).isEmpty();
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void unresolvableNameRejected() throws Exception {
        start(new UrlPolicyConfig(List.of(), List.of("missing.test"), false, true, false, false, false, false,
                true));

        Throwable error = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("missing.test", 80)));

        assertThat(error).isInstanceOf(IOException.class);
        assertThat(blocked).containsExactly(BlockReason.UNRESOLVED_HOST);
        assertThat(resolver.lookups()).containsExactly("missing.test");
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void reboundNameRejectedAfterNavigationCheck() throws Exception {
        resolver.answer("app.test", "127.0.0.1", "10.0.0.7");
        UrlPolicy policy = start(appTestOnLoopback());

        boolean navigationAllowed = policy.checkNavigation("http://app.test:8080/").allowed();
        Throwable error = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("app.test", 8080)));

        assertThat(navigationAllowed).as("the navigation check saw 127.0.0.1").isTrue();
        assertThat(error).isInstanceOf(IOException.class);
        assertThat(blocked).containsExactly(BlockReason.PRIVATE);
        assertThat(resolver.lookups()).containsExactly("app.test", "app.test");
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void ipLiteralNamesRangeChecked() throws Exception {
        start(appTestOnLoopback());

        Throwable ipv4 = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("10.0.0.7", 80)));
        Throwable ipv6 = catchThrowable(() -> socksSocket(InetSocketAddress.createUnresolved("fd12::7", 80)));

        assertThat(ipv4).isInstanceOf(IOException.class);
        assertThat(ipv6).isInstanceOf(IOException.class);
        assertThat(blocked).containsExactly(BlockReason.PRIVATE, BlockReason.PRIVATE);
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void ipv4AddressConnectRangeChecked() throws Exception {
        start(appTestOnLoopback());

        int reply = rawConnectReply(new byte[] {1, 10, 0, 0, 7}, 80);

        assertThat(reply).isEqualTo(REPLY_NOT_ALLOWED);
        assertThat(blocked).containsExactly(BlockReason.PRIVATE);
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void ipv6AddressConnectRangeChecked() throws Exception {
        start(appTestOnLoopback());
        byte[] uniqueLocal = InetAddress.getByName("fd12::7").getAddress();
        byte[] metadata = InetAddress.getByName("fd00:ec2::254").getAddress();

        int uniqueLocalReply = rawConnectReply(ipv6Address(uniqueLocal), 80);
        int metadataReply = rawConnectReply(ipv6Address(metadata), 80);

        assertThat(uniqueLocalReply).isEqualTo(REPLY_NOT_ALLOWED);
        assertThat(metadataReply).isEqualTo(REPLY_NOT_ALLOWED);
        assertThat(blocked).containsExactly(BlockReason.PRIVATE, BlockReason.METADATA);
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void loopbackAddressRelaysWhenAllowed() throws Exception {
        start(new UrlPolicyConfig(List.of(), List.of(), true, true, false, false, false, false, true));
        echo = new EchoServer();

        byte[] echoed;
        try (Socket socket = socksSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), echo.port()))) {
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            echoed = new DataInputStream(socket.getInputStream()).readNBytes(4);
        }

        assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(connector.targets()).containsExactly(new InetSocketAddress("127.0.0.1", echo.port()));
    }

    @Test
    void refusedTargetGetsRefusedReply() throws Exception {
        resolver.answer("app.test", "127.0.0.1");
        start(appTestOnLoopback());
        int closedPort;
        try (ServerSocket released = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = released.getLocalPort();
        }

        int reply = rawConnectReply(domainAddress("app.test"), closedPort);

        assertThat(reply).isEqualTo(REPLY_CONNECTION_REFUSED);
        assertThat(connector.targets()).containsExactly(new InetSocketAddress("127.0.0.1", closedPort));
        assertThat(blocked).as("a refused connection is not a policy block").isEmpty();
    }

    @Test
    void bindAndUdpCommandsRejected() throws Exception {
        start(appTestOnLoopback());

        for (int command : new int[] {2, 3}) {
            try (Socket socket = rawSocket()) {
                negotiateNoAuth(socket);
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {SOCKS_VERSION, (byte) command, 0, 1, 127, 0, 0, 1, 0, 80});
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(10);

                assertThat(reply[1]).as("reply to command " + command).isEqualTo((byte) REPLY_COMMAND_NOT_SUPPORTED);
                assertThat(in.read()).as("end of stream after command " + command).isEqualTo(-1);
            }
        }
        assertThat(connector.targets()).isEmpty();
    }

    @Test
    void passwordOnlyClientRejected() throws Exception {
        start(appTestOnLoopback());

        try (Socket socket = rawSocket()) {
            // Offers only method 2, username and password.
            socket.getOutputStream().write(new byte[] {SOCKS_VERSION, 1, 2});
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(2);

            assertThat(reply).containsExactly(SOCKS_VERSION, 0xff);
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void silentClientClosedAfterIdleTimeout() throws Exception {
        UrlPolicy policy = new UrlPolicy(appTestOnLoopback(), List.of(), resolver);
        proxy = EgressProxy.start(policy, blocked::add, connector,
                new EgressProxy.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));

        try (Socket socket = rawSocket()) {
            long startNanos = System.nanoTime();
            int read = socket.getInputStream().read();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);

            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(waitedMillis).as("time until the proxy closed the connection").isBetween(250L, 4_000L);
        }
    }

    @Test
    void closeEndsRelaysAndListener() throws Exception {
        resolver.answer("app.test", "127.0.0.1");
        start(appTestOnLoopback());
        echo = new EchoServer();
        int proxyPort = proxy.port();

        try (Socket socket = socksSocket(InetSocketAddress.createUnresolved("app.test", echo.port()))) {
            proxy.close();
            // A long timeout, because on a loaded machine the I/O thread can take seconds to close channels.
            socket.setSoTimeout(20_000);
            int read = socket.getInputStream().read();

            assertThat(read).as("end of stream on the relayed connection").isEqualTo(-1);
        }
        Throwable reconnect = catchThrowable(() -> new Socket("127.0.0.1", proxyPort).close());
        assertThat(reconnect).isInstanceOf(ConnectException.class);
    }

    /** Allows the name app.test and the loopback range, nothing else. */
    private static UrlPolicyConfig appTestOnLoopback() {
        return new UrlPolicyConfig(List.of(), List.of("app.test"), false, true, false, false, false, false, true);
    }

    private UrlPolicy start(UrlPolicyConfig config) {
        UrlPolicy policy = new UrlPolicy(config, List.of(), resolver);
        proxy = EgressProxy.start(policy, blocked::add, connector);
        return policy;
    }

    private Socket socksSocket(InetSocketAddress target) throws IOException {
        Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", proxy.port()));
        Socket socket = new Socket(socks);
        socket.setSoTimeout(5_000);
        try {
            socket.connect(target, 5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private Socket rawSocket() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void negotiateNoAuth(Socket socket) throws IOException {
        socket.getOutputStream().write(new byte[] {SOCKS_VERSION, 1, 0});
        byte[] reply = socket.getInputStream().readNBytes(2);
        assertThat(reply).as("method selection").containsExactly(SOCKS_VERSION, 0);
    }

    /**
     * Sends a CONNECT with {@code address} (its type byte first, then the address) and returns the
     * reply code.
     */
    private int rawConnectReply(byte[] address, int port) throws IOException {
        try (Socket socket = rawSocket()) {
            negotiateNoAuth(socket);
            byte[] request = new byte[3 + address.length + 2];
            request[0] = SOCKS_VERSION;
            request[1] = 1;
            System.arraycopy(address, 0, request, 3, address.length);
            request[request.length - 2] = (byte) (port >> 8);
            request[request.length - 1] = (byte) port;
            socket.getOutputStream().write(request);
            byte[] header = socket.getInputStream().readNBytes(2);
            assertThat(header).as("reply header").hasSize(2);
            return header[1] & 0xff;
        }
    }

    private static byte[] ipv6Address(byte[] sixteenBytes) {
        byte[] address = new byte[17];
        address[0] = 4;
        System.arraycopy(sixteenBytes, 0, address, 1, 16);
        return address;
    }

    private static byte[] domainAddress(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        byte[] address = new byte[2 + ascii.length];
        address[0] = 3;
        address[1] = (byte) ascii.length;
        System.arraycopy(ascii, 0, address, 2, ascii.length);
        return address;
    }

    private static void write(Socket socket, byte[] payload) {
        try {
            socket.getOutputStream().write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP echo server on 127.0.0.1, one thread per connection. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket server;

        EchoServer() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(this::acceptLoop, "echo-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    Thread echoer = new Thread(() -> echo(connection), "echo-connection");
                    echoer.setDaemon(true);
                    echoer.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void echo(Socket connection) {
            try (connection) {
                connection.getInputStream().transferTo(connection.getOutputStream());
            } catch (IOException ignored) {
                // The client or the proxy closed the connection.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
