package io.roundtrip.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic body of {@code /bytes/{n}} and {@code /res/{i}}: byte {@code i} is
 * {@code ALPHABET.charAt(i % 64)}, so a client can check any range without keeping a copy. One 64 KiB pattern block is
 * built once and shared read-only; each response wraps its own view of it (its own indices and NIO buffer), so
 * nothing is copied and no two writes share mutable state.
 */
final class PatternBody {

    /** The 64 symbols, in order: A–Z, a–z, 0–9, '-', '_'. */
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Block size: a multiple of 64, so every block starts at pattern position 0. */
    static final int BLOCK_BYTES = 64 * 1024;

    private static final ByteBuffer BLOCK = block();

    private PatternBody() {}

    private static ByteBuffer block() {
        byte[] symbols = ALPHABET.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
        for (int i = 0; i < BLOCK_BYTES; i++) {
            block.put(symbols[i % symbols.length]);
        }
        return block.flip();
    }

    /** The first {@code length} bytes of the pattern ({@code length <= BLOCK_BYTES}); releasing it frees nothing. */
    static ByteBuf head(int length) {
        if (length < 0 || length > BLOCK_BYTES) {
            throw new IllegalArgumentException("length " + length);
        }
        return Unpooled.wrappedBuffer(BLOCK.duplicate().limit(length));
    }

    /** The whole body of {@code length} bytes as a stream of blocks, read as the socket drains. */
    static ChunkedInput<ByteBuf> stream(long length) {
        return new Blocks(length);
    }

    private static final class Blocks implements ChunkedInput<ByteBuf> {
        private final long length;
        private long sent;

        Blocks(long length) {
            this.length = length;
        }

        @Override
        public boolean isEndOfInput() {
            return sent >= length;
        }

        @Override
        public void close() {}

        @Deprecated
        @Override
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (isEndOfInput()) {
                return null;
            }
            int n = (int) Math.min(BLOCK_BYTES, length - sent);
            sent += n;
            return head(n);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long progress() {
            return sent;
        }
    }
}
