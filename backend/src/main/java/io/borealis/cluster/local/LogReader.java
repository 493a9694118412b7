package io.borealis.cluster.local;

import io.borealis.cluster.LogChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a piece of a growing log file as UTF-8 text for a log viewer that tails and follows. A
 * negative offset counts from the end (tail). Chunks never split a character: a chunk that would
 * start inside one starts after it, and one that would end inside one ends before it, so that the
 * next read (from {@link LogChunk#nextOffset()}) gets the character whole. At most {@link #MAX_BYTES}
 * are read at once, whatever is asked.
 */
final class LogReader {

    /** The largest chunk handed out, to protect the heap from a careless caller. */
    static final int MAX_BYTES = 1024 * 1024;

    /** The longest UTF-8 sequence. */
    private static final int MAX_SEQUENCE = 4;

    private LogReader() {}

    /**
     * @param file the log; a missing file reads as empty
     * @param offset where to start; negative: that many bytes before the end
     * @param maxBytes at most this many bytes (0: nothing, just the size)
     */
    static LogChunk read(Path file, long offset, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
        }
        int limit = Math.min(maxBytes, MAX_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = offset < 0 ? Math.max(0, size + offset) : Math.min(offset, size);
            if (limit == 0 || start == size) {
                return new LogChunk("", start, start, size);
            }
            // read a few bytes more than asked, to finish a character cut at the limit
            int window = (int) Math.min(size - start, (long) limit + MAX_SEQUENCE - 1);
            ByteBuffer buffer = ByteBuffer.allocate(window);
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // keep reading: a file channel may return fewer bytes than asked
            }
            byte[] bytes = buffer.array();
            int read = buffer.position();
            int from = offset < 0 ? skipContinuationBytes(bytes, read) : 0;
            int to = cut(bytes, from, Math.min(read, from + limit), read);
            String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            return new LogChunk(text, start + from, start + to, size);
        } catch (NoSuchFileException e) {
            return new LogChunk("", 0, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A tail may start inside a character: skip its continuation bytes (at most three). */
    private static int skipContinuationBytes(byte[] bytes, int length) {
        int from = 0;
        while (from < Math.min(length, MAX_SEQUENCE - 1) && isContinuation(bytes[from])) {
            from++;
        }
        return from;
    }

    /**
     * Where to end a chunk that should end at {@code end}: before a character that {@code end} would
     * cut; after it instead when that would leave nothing and the character is whole within
     * {@code available} (a limit smaller than one character must still make progress).
     */
    static int cut(byte[] bytes, int from, int end, int available) {
        int lead = end - 1;
        while (lead > from && lead > end - MAX_SEQUENCE && isContinuation(bytes[lead])) {
            lead--;
        }
        int length = sequenceLength(bytes[lead]);
        if (length <= 1 || lead + length <= end) {
            return end; // ASCII, a whole character, or bytes that are no UTF-8 anyway
        }
        if (lead > from) {
            return lead;
        }
        return lead + length <= available ? lead + length : from;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The length of the sequence a lead byte starts (1 for ASCII and for bytes that start nothing). */
    private static int sequenceLength(byte b) {
        if ((b & 0xE0) == 0xC0) {
            return 2;
        }
        if ((b & 0xF0) == 0xE0) {
            return 3;
        }
        if ((b & 0xF8) == 0xF0) {
            return 4;
        }
        return 1;
    }
}
