package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.LogChunk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] bytes) throws Exception {
        Path file = dir.resolve("stdout");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void readsFromAnOffset() throws Exception {
        Path log = file("hello\nworld\n");

        assertThat(LogReader.read(log, 0, 100)).isEqualTo(new LogChunk("hello\nworld\n", 0, 12, 12));
        assertThat(LogReader.read(log, 6, 100)).isEqualTo(new LogChunk("world\n", 6, 12, 12));
        assertThat(LogReader.read(log, 0, 5)).isEqualTo(new LogChunk("hello", 0, 5, 12));
    }

    @Test
    void atOrBeyondTheEndThereIsNothingYet() throws Exception {
        Path log = file("abc");

        assertThat(LogReader.read(log, 3, 100)).isEqualTo(new LogChunk("", 3, 3, 3));
        assertThat(LogReader.read(log, 99, 100)).isEqualTo(new LogChunk("", 3, 3, 3));
    }

    @Test
    void aNegativeOffsetTails() throws Exception {
        Path log = file("one\ntwo\nthree\n");

        assertThat(LogReader.read(log, -6, 100)).isEqualTo(new LogChunk("three\n", 8, 14, 14));
        assertThat(LogReader.read(log, -1000, 100)).isEqualTo(new LogChunk("one\ntwo\nthree\n", 0, 14, 14));
        assertThat(LogReader.read(log, -6, 2)).isEqualTo(new LogChunk("th", 8, 10, 14));
    }

    @Test
    void followingChunkByChunkGivesTheWholeFileWhateverTheChunkSize() throws Exception {
        String text = "ascii, ünïcødé, 漢字, emoji 😀😀, and more ascii\n".repeat(5);
        Path log = file(text);
        for (int size = 1; size <= 9; size++) {
            StringBuilder followed = new StringBuilder();
            long offset = 0;
            for (int reads = 0; reads < 10_000; reads++) {
                LogChunk chunk = LogReader.read(log, offset, size);
                assertThat(chunk.offset()).isEqualTo(offset);
                followed.append(chunk.data());
                if (chunk.nextOffset() == chunk.size()) {
                    break;
                }
                assertThat(chunk.nextOffset())
                        .as("progress with chunks of %d", size)
                        .isGreaterThan(offset);
                offset = chunk.nextOffset();
            }
            assertThat(followed.toString()).as("chunks of %d bytes", size).isEqualTo(text);
        }
    }

    @Test
    void aCharacterCutAtTheLimitIsLeftForTheNextRead() throws Exception {
        Path log = file("ab€cd"); // € is 3 bytes: e2 82 ac

        assertThat(LogReader.read(log, 0, 3)).isEqualTo(new LogChunk("ab", 0, 2, 7));
        assertThat(LogReader.read(log, 0, 4)).isEqualTo(new LogChunk("ab", 0, 2, 7));
        assertThat(LogReader.read(log, 0, 5)).isEqualTo(new LogChunk("ab€", 0, 5, 7));
        assertThat(LogReader.read(log, 2, 5)).isEqualTo(new LogChunk("€cd", 2, 7, 7));
    }

    @Test
    void aLimitSmallerThanOneCharacterStillMakesProgress() throws Exception {
        Path log = file("😀x");

        assertThat(LogReader.read(log, 0, 1)).isEqualTo(new LogChunk("😀", 0, 4, 5));
        assertThat(LogReader.read(log, 4, 1)).isEqualTo(new LogChunk("x", 4, 5, 5));
    }

    @Test
    void anIncompleteCharacterAtTheEndOfTheFileWaitsForTheRestOfIt() throws Exception {
        byte[] whole = "ok€".getBytes(StandardCharsets.UTF_8);
        Path log = file(Arrays.copyOf(whole, whole.length - 1));

        assertThat(LogReader.read(log, 0, 100)).isEqualTo(new LogChunk("ok", 0, 2, 4));
        assertThat(LogReader.read(log, 2, 100)).isEqualTo(new LogChunk("", 2, 2, 4));

        Files.write(log, whole);
        assertThat(LogReader.read(log, 2, 100)).isEqualTo(new LogChunk("€", 2, 5, 5));
    }

    @Test
    void aTailThatStartsInsideACharacterStartsAfterIt() throws Exception {
        Path log = file("x€y"); // 78 e2 82 ac 79

        assertThat(LogReader.read(log, -3, 100)).isEqualTo(new LogChunk("y", 4, 5, 5));
        assertThat(LogReader.read(log, -4, 100)).isEqualTo(new LogChunk("€y", 1, 5, 5));
    }

    @Test
    void bytesThatAreNoUtf8BecomeReplacementCharacters() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write('a');
        bytes.write(0xff);
        bytes.write('b');
        Path log = file(bytes.toByteArray());

        assertThat(LogReader.read(log, 0, 100)).isEqualTo(new LogChunk("a\uFFFDb", 0, 3, 3));
    }

    @Test
    void aMissingFileIsEmpty() {
        assertThat(LogReader.read(dir.resolve("nope"), 0, 100)).isEqualTo(new LogChunk("", 0, 0, 0));
        assertThat(LogReader.read(dir.resolve("nope"), -10, 100)).isEqualTo(new LogChunk("", 0, 0, 0));
    }

    @Test
    void zeroBytesGivesTheSizeAndNegativeIsRefused() throws Exception {
        Path log = file("abc");

        assertThat(LogReader.read(log, 1, 0)).isEqualTo(new LogChunk("", 1, 1, 3));
        assertThat(LogReader.read(log, -1, 0)).isEqualTo(new LogChunk("", 2, 2, 3));
        assertThatThrownBy(() -> LogReader.read(log, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunksAreCappedToProtectTheHeap() throws Exception {
        Path log = file(new byte[LogReader.MAX_BYTES + 10]);

        LogChunk chunk = LogReader.read(log, 0, Integer.MAX_VALUE);
        assertThat(chunk.nextOffset()).isEqualTo(LogReader.MAX_BYTES);
        assertThat(chunk.size()).isEqualTo(LogReader.MAX_BYTES + 10);
    }
}
