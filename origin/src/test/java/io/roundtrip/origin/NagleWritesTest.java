package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code --nagle} changes on the way to the socket, seen from the socket's side of the pipeline: by default one
 * write and one flush per response; with Nagle the head and the body as two writes, each flushed.
 */
class NagleWritesTest {

    /** Records, in order, what reaches the socket: "write N" (bytes) and "flush". */
    private static final class SocketSide extends ChannelOutboundHandlerAdapter {
        final List<String> events = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            events.add("write " + ((ByteBuf) msg).readableBytes());
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            events.add("flush");
            ctx.flush();
        }
    }

    @ParameterizedTest
    @CsvSource({"false,10", "true,10", "false,0", "true,0"})
    void headAndBodyAreSeparateFlushedWritesOnlyUnderNagle(boolean nagle, int size) {
        OriginConfig config = OriginConfig.builder().port(0).tlsPort(-1).nagle(nagle).build();
        EmbeddedChannel channel = new EmbeddedChannel(new HttpPipelines(config, new OriginStats(), null).plain());
        SocketSide socket = new SocketSide();
        channel.pipeline().addFirst(socket);

        channel.writeInbound(Unpooled.copiedBuffer("GET /bytes/" + size + " HTTP/1.1\r\nhost: x\r\n\r\n",
                StandardCharsets.US_ASCII));
        channel.runPendingTasks();

        List<String> writes = socket.events.stream().filter(e -> e.startsWith("write") && !e.equals("write 0")).toList();
        String everything = drain(channel);
        assertThat(everything).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + "ABCDEFGHIJ".substring(0, size));
        if (nagle && size > 0) {
            assertThat(writes).hasSize(2);
            assertThat(writes.get(1)).isEqualTo("write " + size);
            // head written and flushed before the body is written
            int firstFlush = socket.events.indexOf("flush");
            int bodyWrite = socket.events.lastIndexOf("write " + size);
            assertThat(firstFlush).isLessThan(bodyWrite);
            assertThat(socket.events.get(socket.events.size() - 1)).isEqualTo("flush");
        } else if (!nagle) {
            assertThat(writes).hasSize(1);
            assertThat(socket.events.stream().filter("flush"::equals).count()).isEqualTo(1);
        }
        channel.finishAndReleaseAll();
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
            all.append(buf.toString(StandardCharsets.US_ASCII));
        }
        return all.toString();
    }
}
