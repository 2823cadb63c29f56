package io.shotload.stub.egress;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the bytes one channel reads to its peer. Both channels run with auto-read off: a channel
 * reads again only once its last chunk has been written to the peer, so a slow reader on one side
 * holds back the other side instead of filling memory. When either channel closes, the other closes
 * after its pending writes.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Channel peer;

    RelayHandler(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(message);
            return;
        }
        peer.writeAndFlush(message).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                ctx.channel().read();
            } else {
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeAfterPendingWrites(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Egress proxy: relay on {} failed: {}", ctx.channel(), cause.toString());
        closeAfterPendingWrites(ctx.channel());
    }

    static void closeAfterPendingWrites(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
