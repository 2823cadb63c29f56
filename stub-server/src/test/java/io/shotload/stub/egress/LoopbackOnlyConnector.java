package io.shotload.stub.egress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outbound connector of the tests: it records every target the proxy requests and connects only
 * to loopback addresses, so a broken policy check sends nothing off the machine.
 */
public final class LoopbackOnlyConnector implements OutboundConnector {

    private final List<InetSocketAddress> targets = new CopyOnWriteArrayList<>();

    @Override
    public ChannelFuture connect(Bootstrap bootstrap, InetSocketAddress target) throws ConnectException {
        targets.add(target);
        if (target.isUnresolved() || !target.getAddress().isLoopbackAddress()) {
            throw new ConnectException("The test connector connects to loopback only, not to " + target);
        }
        return bootstrap.connect(target);
    }

    /** Returns every target the proxy requested, in order, loopback or not. */
    public List<InetSocketAddress> targets() {
        return List.copyOf(targets);
    }
}
