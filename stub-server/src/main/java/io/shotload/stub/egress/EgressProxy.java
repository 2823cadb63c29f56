package io.shotload.stub.egress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.shotload.stub.urlpolicy.BlockReason;
import io.shotload.stub.urlpolicy.UrlPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SOCKS5 proxy on 127.0.0.1 that lets the browser connect only where the {@link UrlPolicy} allows.
 *
 * <p>Design: the browser sends every connection except those to allowed origins here, WebSockets
 * included, and names the host rather than an address (Chromium 156 sends even IP literals as SOCKS5
 * DOMAIN addresses). For each CONNECT the proxy calls {@link UrlPolicy#checkConnection}, which resolves
 * a name once and range-checks every address, then connects only to an address from that check and
 * relays bytes both ways. So a DNS server that answers differently on a second lookup cannot move the
 * connection into a denied range. A denied connection gets a SOCKS5 failure reply and counts through
 * {@code blockedCounter} with the policy's reason.
 *
 * <p>Threads: one Netty I/O thread for all connections, because the proxy only copies bytes and the
 * traffic of allowed origins does not pass through it, and up to {@link #LOOKUP_THREADS} threads for
 * the policy's blocking DNS lookups. All are daemon threads and stop in {@link #close}.
 */
public final class EgressProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressProxy.class);

    /** Maximum wait for an outbound connection; then the client gets "host unreachable". */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Maximum time a connection may go without a read or a write on one side before both sides close.
     * Longer than the chromium backend's default {@code hard_deadline_ms} of 20 s, so it ends only
     * connections that no capture is using.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Maximum wait in {@link #close} for the I/O thread to stop. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);
    /** Threads that run the policy's DNS lookups; more lookups wait in a queue. */
    static final int LOOKUP_THREADS = 4;

    /**
     * The proxy's timeouts.
     *
     * @param connect maximum wait for an outbound connection
     * @param idle maximum time without a read or write on a connection before it closes
     */
    record Timeouts(Duration connect, Duration idle) {

        static final Timeouts DEFAULTS = new Timeouts(CONNECT_TIMEOUT, IDLE_TIMEOUT);

        Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(idle, "idle");
            if (connect.isNegative() || connect.isZero() || idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("Invalid egress proxy timeouts: connect = " + connect
                        + ", idle = " + idle + "; expected both positive.");
            }
        }
    }

    private final EventLoopGroup group;
    private final ThreadPoolExecutor lookups;
    private final Channel serverChannel;

    private EgressProxy(EventLoopGroup group, ThreadPoolExecutor lookups, Channel serverChannel) {
        this.group = group;
        this.lookups = lookups;
        this.serverChannel = serverChannel;
    }

    /**
     * Starts the proxy on an ephemeral port of 127.0.0.1.
     *
     * @param blockedCounter receives the reason of every connection the policy denies
     * @param connector opens the outbound connections; {@link OutboundConnector#direct()} outside tests
     * @throws IllegalStateException if the port cannot be bound
     */
    public static EgressProxy start(UrlPolicy policy, Consumer<BlockReason> blockedCounter,
            OutboundConnector connector) {
        return start(policy, blockedCounter, connector, Timeouts.DEFAULTS);
    }

    static EgressProxy start(UrlPolicy policy, Consumer<BlockReason> blockedCounter, OutboundConnector connector,
            Timeouts timeouts) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("egress-proxy", true),
                NioIoHandler.newFactory());
        ThreadPoolExecutor lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("egress-proxy-lookup", true));
        lookups.allowCoreThreadTimeOut(true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel client) {
                        SocksConnectHandler.install(client,
                                new SocksConnectHandler(policy, blockedCounter, connector, lookups, timeouts), timeouts);
                    }
                });
        try {
            Channel serverChannel = bootstrap.bind(new InetSocketAddress(loopbackIpv4(), 0)).sync().channel();
            EgressProxy proxy = new EgressProxy(group, lookups, serverChannel);
            LOG.info("Egress proxy listening on socks5://127.0.0.1:{}", proxy.port());
            return proxy;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDown(group, lookups);
            throw new IllegalStateException("Interrupted while starting the egress proxy", e);
        } catch (RuntimeException e) {
            shutDown(group, lookups);
            throw new IllegalStateException("Failed to start the egress proxy on 127.0.0.1: " + e, e);
        }
    }

    /** Returns the port the proxy listens on, on 127.0.0.1. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, closes every open connection and stops the proxy's threads. */
    @Override
    public void close() {
        serverChannel.close();
        shutDown(group, lookups);
    }

    private static void shutDown(EventLoopGroup group, ThreadPoolExecutor lookups) {
        lookups.shutdownNow();
        // A quiet period of 0 stops the loop at once, and the loop closes its channels as it stops. The
        // wait bounds a close that runs in a shutdown hook.
        boolean stopped = group.shutdownGracefully(0, 2, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!stopped) {
            LOG.warn("The egress proxy's I/O thread did not stop within {} ms; its connections close when it does",
                    SHUTDOWN_WAIT.toMillis());
        }
    }

    private static InetAddress loopbackIpv4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new AssertionError("a 4-byte address is always valid", impossible);
        }
    }
}
