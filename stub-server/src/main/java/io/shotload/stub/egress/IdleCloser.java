package io.shotload.stub.egress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes a channel that has neither read nor written for the idle timeout. */
final class IdleCloser extends IdleStateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdleCloser.class);

    IdleCloser(Duration idleTimeout) {
        super(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        LOG.debug("Egress proxy: closing idle connection {} after {} ms", ctx.channel(), getAllIdleTimeInMillis());
        ctx.close();
    }
}
