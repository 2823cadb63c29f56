package io.shotload.stub.egress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens the egress proxy's connection to an address the URL policy has checked. Production code
 * connects directly; tests pass a connector that connects only to loopback and records every target.
 */
@FunctionalInterface
public interface OutboundConnector {

    /**
     * Connects {@code bootstrap}, which carries the event loop, the connect timeout and the relay
     * handler, to {@code target}, a resolved address.
     *
     * @throws IOException if this connector does not connect to {@code target}; the proxy then treats
     *     the target like one that refused the connection
     */
    ChannelFuture connect(Bootstrap bootstrap, InetSocketAddress target) throws IOException;

    /** Returns the connector that connects to every target it is given. */
    static OutboundConnector direct() {
        return Bootstrap::connect;
    }
}
