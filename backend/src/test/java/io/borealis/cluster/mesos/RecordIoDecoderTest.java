package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RecordIO framing: records come out whole whatever the chunking; lengths count bytes. */
class RecordIoDecoderTest {

    private static final List<String> RECORDS = List.of(
            "{\"type\":\"HEARTBEAT\"}",
            "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"größe-東京-🚀\"}}}}",
            "",
            "x",
            "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"F\"}}}");

    @Test
    void theSpecExampleIsOneCompleteRecord() {
        List<byte[]> records = new RecordIoDecoder(1024).decode(bytes("20\n{\"type\":\"HEARTBEAT\"}"));

        assertThat(records).hasSize(1);
        assertThat(text(records.get(0))).isEqualTo("{\"type\":\"HEARTBEAT\"}");
    }

    @Test
    void everySplitPointOfTheStreamYieldsTheSameRecords() {
        byte[] stream = encode(RECORDS);
        for (int split = 0; split <= stream.length; split++) {
            RecordIoDecoder decoder = new RecordIoDecoder(1024);
            List<byte[]> records = new ArrayList<>(decoder.decode(stream, 0, split));
            records.addAll(decoder.decode(stream, split, stream.length - split));

            assertThat(records)
                    .extracting(RecordIoDecoderTest::text)
                    .as("split at %d", split)
                    .isEqualTo(RECORDS);
            assertThat(decoder.atRecordBoundary()).isTrue();
        }
    }

    @Test
    void everyTwoSplitPointsYieldTheSameRecords() {
        byte[] stream = encode(RECORDS);
        for (int first = 0; first <= stream.length; first++) {
            for (int second = first; second <= stream.length; second++) {
                RecordIoDecoder decoder = new RecordIoDecoder(1024);
                List<byte[]> records = new ArrayList<>(decoder.decode(stream, 0, first));
                records.addAll(decoder.decode(stream, first, second - first));
                records.addAll(decoder.decode(stream, second, stream.length - second));

                assertThat(records).extracting(RecordIoDecoderTest::text).isEqualTo(RECORDS);
            }
        }
    }

    @Test
    void byteByByteAndRandomChunksYieldTheSameRecords() {
        byte[] stream = encode(RECORDS);
        RecordIoDecoder single = new RecordIoDecoder(1024);
        List<byte[]> oneByOne = new ArrayList<>();
        for (byte b : stream) {
            oneByOne.addAll(single.decode(new byte[] {b}));
        }
        assertThat(oneByOne).extracting(RecordIoDecoderTest::text).isEqualTo(RECORDS);

        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            RecordIoDecoder decoder = new RecordIoDecoder(1024);
            List<byte[]> records = new ArrayList<>();
            int position = 0;
            while (position < stream.length) {
                int size = Math.min(stream.length - position, 1 + random.nextInt(40));
                records.addAll(decoder.decode(stream, position, size));
                position += size;
            }
            assertThat(records).extracting(RecordIoDecoderTest::text).isEqualTo(RECORDS);
        }
    }

    @Test
    void lengthsCountBytesNotCharacters() {
        String payload = "ü🚀";
        assertThat(payload.length()).isEqualTo(3);
        byte[] stream = bytes("6\n" + payload);

        List<byte[]> records = new RecordIoDecoder(1024).decode(stream);

        assertThat(records).extracting(RecordIoDecoderTest::text).containsExactly(payload);
    }

    @Test
    void aPartialRecordIsKeptUntilItCompletes() {
        RecordIoDecoder decoder = new RecordIoDecoder(1024);

        assertThat(decoder.decode(bytes("5\nab"))).isEmpty();
        assertThat(decoder.atRecordBoundary()).isFalse();
        assertThat(decoder.decode(bytes("cde3\nxy")))
                .extracting(RecordIoDecoderTest::text)
                .containsExactly("abcde");
        assertThat(decoder.decode(bytes("z")))
                .extracting(RecordIoDecoderTest::text)
                .containsExactly("xyz");
    }

    @Test
    void garbageWhereALengthBelongsIsAClearError() {
        RecordIoDecoder decoder = new RecordIoDecoder(1024);

        assertThatThrownBy(() -> decoder.decode(bytes("2\nok{\"type\":\"HEARTBEAT\"}")))
                .isInstanceOf(RecordIoDecoder.RecordIoException.class)
                .hasMessage("expected a decimal record length at byte 4, found '{'");
    }

    @Test
    void aNegativeOrSignedLengthIsRefused() {
        assertThatThrownBy(() -> new RecordIoDecoder(1024).decode(bytes("-3\nabc")))
                .hasMessageContaining("found '-'");
        assertThatThrownBy(() -> new RecordIoDecoder(1024).decode(bytes("1 2\n")))
                .hasMessageContaining("found ' ' after '1'");
    }

    @Test
    void anEmptyLengthLineIsRefused() {
        assertThatThrownBy(() -> new RecordIoDecoder(1024).decode(bytes("\n{}")))
                .isInstanceOf(RecordIoDecoder.RecordIoException.class)
                .hasMessage("empty record length at byte 0");
    }

    @Test
    void aLengthAboveTheLimitOrWithTooManyDigitsIsRefused() {
        assertThatThrownBy(() -> new RecordIoDecoder(100).decode(bytes("101\n")))
                .hasMessage("record of 101 bytes exceeds the limit of 100 bytes");
        assertThatThrownBy(() -> new RecordIoDecoder(100).decode(bytes("99999999999999999999\n")))
                .hasMessageContaining("exceeds the limit");
        assertThatThrownBy(() -> new RecordIoDecoder(100).decode(bytes("123456789012345678901\n")))
                .hasMessageContaining("more than 20 digits");
    }

    @Test
    void controlBytesAreNamedInHex() {
        assertThatThrownBy(() -> new RecordIoDecoder(100).decode(new byte[] {'1', 0x00}))
                .hasMessage("expected a decimal record length at byte 1, found byte 0x00 after '1'");
    }

    private static byte[] encode(List<String> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String record : records) {
            byte[] payload = bytes(record);
            out.writeBytes(bytes(payload.length + "\n"));
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
