package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.stream.ChunkedInput;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1000,1000", "64KiB,65536", "64K,65536", "1MiB,1048576", "1kB,1000", "1.5MiB,1572864",
        "1GiB,1073741824"})
    void sizes(String text, long bytes) {
        assertThat(HumanUnits.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1", "12 parsecs", "1}\"x", "64\nKiB"})
    void badSizes(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> HumanUnits.parseBytes(text));
    }

    @ParameterizedTest
    @CsvSource({"80ms,80", "1.5s,1500", "250,250", "2m,120000"})
    void durations(String text, long millis) {
        assertThat(HumanUnits.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5ms", "5 fortnights"})
    void badDurations(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> HumanUnits.parseDuration(text));
    }

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
