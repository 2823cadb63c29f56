package io.shotload.stub.egress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.socksx.SocksMessage;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import io.shotload.stub.urlpolicy.BlockReason;
import io.shotload.stub.urlpolicy.ConnectionDecision;
import io.shotload.stub.urlpolicy.UrlPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 side of one client connection (RFC 1928): the method negotiation, one CONNECT, the policy
 * decision and the outbound connection, after which it hands the channel to a {@link RelayHandler}.
 *
 * <p>Only the no-authentication method and the CONNECT command are offered. The policy decides on a
 * lookup thread because resolving a name blocks. The outbound connection goes only to the addresses
 * the decision returns, tried in order, through a bootstrap whose resolver does nothing, so a name is
 * never resolved a second time. A CONNECT sent together with the greeting is accepted, but a client
 * that sends data after the CONNECT and before its reply breaks the protocol and is disconnected.
 */
final class SocksConnectHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SocksConnectHandler.class);

    static final String INITIAL_DECODER = "socks-initial-decoder";
    static final String COMMAND_DECODER = "socks-command-decoder";
    static final String ENCODER = "socks-encoder";

    private final UrlPolicy policy;
    private final Consumer<BlockReason> blockedCounter;
    private final OutboundConnector connector;
    private final Executor lookups;
    private final EgressProxy.Timeouts timeouts;
    private boolean commandReceived;

    SocksConnectHandler(UrlPolicy policy, Consumer<BlockReason> blockedCounter, OutboundConnector connector,
            Executor lookups, EgressProxy.Timeouts timeouts) {
        this.policy = policy;
        this.blockedCounter = blockedCounter;
        this.connector = connector;
        this.lookups = lookups;
        this.timeouts = timeouts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (!(message instanceof SocksMessage socksMessage)) {
                LOG.debug("Egress proxy: {} sent data before the CONNECT reply; closing", ctx.channel());
                ctx.close();
                return;
            }
            DecoderResult result = socksMessage.decoderResult();
            if (result.isFailure()) {
                LOG.debug("Egress proxy: invalid SOCKS5 message from {}: {}", ctx.channel(), result.cause().toString());
                ctx.close();
            } else if (message instanceof Socks5InitialRequest initial) {
                negotiateMethod(ctx, initial);
            } else if (message instanceof Socks5CommandRequest command && !commandReceived) {
                commandReceived = true;
                handleCommand(ctx, command);
            } else {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void negotiateMethod(ChannelHandlerContext ctx, Socks5InitialRequest initial) {
        if (!initial.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
            LOG.debug("Egress proxy: {} offers no usable method: {}", ctx.channel(), initial.authMethods());
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Netty hands the bytes the greeting's decoder has not consumed to its replacement, so a CONNECT
        // sent together with the greeting is decoded too.
        ctx.pipeline().replace(INITIAL_DECODER, COMMAND_DECODER, new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
    }

    private void handleCommand(ChannelHandlerContext ctx, Socks5CommandRequest command) {
        if (command.type() != Socks5CommandType.CONNECT) {
            LOG.debug("Egress proxy: {} sent the unsupported command {}", ctx.channel(), command.type());
            reply(ctx, Socks5CommandStatus.COMMAND_UNSUPPORTED).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Reading stops until the relay starts. Only bytes that came in the same read as the CONNECT can
        // still reach this handler, and channelRead closes the connection for them.
        ctx.channel().config().setAutoRead(false);
        String host = command.dstAddr();
        int port = command.dstPort();
        try {
            lookups.execute(() -> decide(ctx, host, port));
        } catch (RejectedExecutionException proxyClosing) {
            LOG.debug("Egress proxy: closing {} because the proxy is closing", ctx.channel());
            ctx.close();
        }
    }

    /** Runs the policy check on a lookup thread and hands the decision back to the channel's event loop. */
    private void decide(ChannelHandlerContext ctx, String host, int port) {
        ConnectionDecision decision;
        try {
            decision = policy.checkConnection(host, port);
        } catch (RuntimeException e) {
            LOG.warn("Egress proxy: checking {}:{} failed, so the connection is closed", host, port, e);
            ctx.close();
            return;
        }
        try {
            ctx.channel().eventLoop().execute(() -> onDecision(ctx, host, port, decision));
        } catch (RejectedExecutionException proxyClosing) {
            LOG.debug("Egress proxy: dropping the decision for {}:{} because the proxy is closing", host, port);
        }
    }

    private void onDecision(ChannelHandlerContext ctx, String host, int port, ConnectionDecision decision) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!decision.allowed()) {
            BlockReason reason = decision.decision().reason();
            blockedCounter.accept(reason);
            LOG.debug("Egress proxy: blocked {}:{} ({}): {}", host, port, reason.label(), decision.decision().message());
            Socks5CommandStatus status = reason == BlockReason.UNRESOLVED_HOST
                    ? Socks5CommandStatus.HOST_UNREACHABLE
                    : Socks5CommandStatus.FORBIDDEN;
            reply(ctx, status).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connect(ctx, host, decision.addresses(), port, 0);
    }

    /** Connects to {@code addresses[index]}, and on failure to the next one. */
    private void connect(ChannelHandlerContext ctx, String host, List<InetAddress> addresses, int port, int index) {
        Channel inbound = ctx.channel();
        InetSocketAddress target = new InetSocketAddress(addresses.get(index), port);
        Bootstrap bootstrap = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeouts.connect().toMillis()))
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel outbound) {
                        outbound.pipeline().addLast(new IdleCloser(timeouts.idle()), new RelayHandler(inbound));
                    }
                });

        ChannelFuture connected;
        try {
            connected = connector.connect(bootstrap, target);
        } catch (IOException notConnected) {
            onConnectFailed(ctx, host, addresses, port, index, notConnected);
            return;
        }
        connected.addListener((ChannelFutureListener) attempt -> {
            if (attempt.isSuccess()) {
                startRelay(ctx, attempt.channel());
            } else {
                onConnectFailed(ctx, host, addresses, port, index, attempt.cause());
            }
        });
    }

    private void onConnectFailed(ChannelHandlerContext ctx, String host, List<InetAddress> addresses, int port,
            int index, Throwable cause) {
        LOG.debug("Egress proxy: connecting to {} for {}:{} failed: {}", addresses.get(index), host, port,
                cause.toString());
        if (index + 1 < addresses.size() && ctx.channel().isActive()) {
            connect(ctx, host, addresses, port, index + 1);
            return;
        }
        boolean refused = cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException);
        Socks5CommandStatus status = refused ? Socks5CommandStatus.CONNECTION_REFUSED : Socks5CommandStatus.HOST_UNREACHABLE;
        reply(ctx, status).addListener(ChannelFutureListener.CLOSE);
    }

    private void startRelay(ChannelHandlerContext ctx, Channel outbound) {
        Channel inbound = ctx.channel();
        if (!inbound.isActive()) {
            outbound.close();
            return;
        }
        InetSocketAddress bound = (InetSocketAddress) outbound.localAddress();
        Socks5AddressType boundType = bound.getAddress() instanceof Inet6Address
                ? Socks5AddressType.IPv6
                : Socks5AddressType.IPv4;
        DefaultSocks5CommandResponse success = new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS,
                boundType, bound.getAddress().getHostAddress(), bound.getPort());
        ctx.writeAndFlush(success).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                LOG.debug("Egress proxy: sending the CONNECT reply to {} failed: {}", inbound, written.cause().toString());
                inbound.close();
                outbound.close();
                return;
            }
            // The reply went through the encoder; from here on both channels carry the client's bytes only.
            inbound.pipeline().remove(ENCODER);
            inbound.pipeline().remove(COMMAND_DECODER);
            inbound.pipeline().replace(this, "relay", new RelayHandler(outbound));
            inbound.read();
            outbound.read();
        });
    }

    private static ChannelFuture reply(ChannelHandlerContext ctx, Socks5CommandStatus status) {
        return ctx.writeAndFlush(new DefaultSocks5CommandResponse(status, Socks5AddressType.IPv4));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Egress proxy: connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    /** Adds the SOCKS5 codec and a new handler to a client channel. */
    static void install(Channel client, SocksConnectHandler handler, EgressProxy.Timeouts timeouts) {
        client.pipeline().addLast(new IdleCloser(timeouts.idle()));
        client.pipeline().addLast(ENCODER, Socks5ServerEncoder.DEFAULT);
        client.pipeline().addLast(INITIAL_DECODER, new Socks5InitialRequestDecoder());
        client.pipeline().addLast(handler);
    }
}
