package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.stream.ChunkedInput;
import org.junit.jupiter.api.Test;

class PatternBodyTest {

    @Test
    void patternStreamsInBlocksThatContinueThePattern() throws Exception {
        long length = 3L * PatternBody.BLOCK_BYTES + 100;
        ChunkedInput<ByteBuf> input = PatternBody.stream(length);
        StringBuilder all = new StringBuilder();
        int chunks = 0;
        while (!input.isEndOfInput()) {
            ByteBuf chunk = input.readChunk(UnpooledByteBufAllocator.DEFAULT);
            all.append(new String(ByteBufUtil.getBytes(chunk), java.nio.charset.StandardCharsets.US_ASCII));
            chunk.release();
            chunks++;
        }
        assertThat(chunks).isEqualTo(4);
        assertThat(input.progress()).isEqualTo(length);
        Clients.assertPattern(all.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), length);
    }
}
