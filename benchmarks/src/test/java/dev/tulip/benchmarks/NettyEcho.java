package dev.tulip.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Netty peer of the loopback echo: Netty 4.2's NIO transport, server and clients on one event loop
 * (one thread, as Tulip's loop), the echo handler of Netty's own example ({@code write} on read,
 * {@code flush} on read complete), pooled direct buffers, TCP_NODELAY. Each client writes its message and
 * counts the echoed bytes; a whole message back is one round trip.
 */
final class NettyEcho {
    private NettyEcho() {
    }

    /** Netty's EchoServerHandler. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    /** One client: writes the message, waits for all of its bytes back, repeats until the deadline. */
    static final class Client extends ChannelInboundHandlerAdapter {
        final ByteBuf msg;
        final int size;
        final long[] deadline;
        final AtomicLong ops;
        final CountDownLatch done;
        int received;
        long n;

        Client(ByteBuf msg, long[] deadline, AtomicLong ops, CountDownLatch done) {
            this.msg = msg;
            this.size = msg.readableBytes();
            this.deadline = deadline;
            this.ops = ops;
            this.done = done;
        }

        void start(Channel ch) {
            ch.writeAndFlush(msg.retainedDuplicate(), ch.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object m) {
            ByteBuf b = (ByteBuf) m;
            received += b.readableBytes();
            b.release();
            if (received >= size) {
                received -= size;
                n++;
                if (System.nanoTime() < deadline[0]) {
                    ctx.writeAndFlush(msg.retainedDuplicate(), ctx.voidPromise());
                } else {
                    ops.addAndGet(n);
                    done.countDown();
                }
            }
        }
    }

    static EchoComparison.Result run(int conns, int size, double seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childHandler(new Echo())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            ByteBuf msg = PooledByteBufAllocator.DEFAULT.directBuffer(size).writeZero(size);
            long[] deadline = new long[1];
            AtomicLong ops = new AtomicLong();
            CountDownLatch done = new CountDownLatch(conns);
            List<Channel> channels = new ArrayList<>();
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                Client c = new Client(msg, deadline, ops, done);
                clients.add(c);
                channels.add(new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(c);
                            }
                        })
                        .connect("127.0.0.1", port).sync().channel());
            }
            double cpu0 = EchoComparison.processCpu();
            long t0 = System.nanoTime();
            deadline[0] = t0 + (long) (seconds * 1e9);
            group.next().execute(() -> {
                for (int i = 0; i < conns; i++) {
                    clients.get(i).start(channels.get(i));
                }
            });
            if (!done.await((long) (seconds * 1000) + 30_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("netty echo did not finish");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = EchoComparison.processCpu() - cpu0;
            for (Channel ch : channels) {
                ch.close().sync();
            }
            server.close().sync();
            msg.release();
            return new EchoComparison.Result(ops.get(), wall, cpu);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
