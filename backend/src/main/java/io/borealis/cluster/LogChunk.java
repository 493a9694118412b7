package io.borealis.cluster;

/**
 * A piece of a task's log.
 *
 * @param data the bytes read, as UTF-8 text (a multi-byte character cut at the end is dropped and
 *     read again next time)
 * @param offset where the piece starts in the file
 * @param nextOffset where to read next time to follow the log
 * @param size the file's size when read
 */
public record LogChunk(String data, long offset, long nextOffset, long size) {

    public static LogChunk empty(long offset) {
        return new LogChunk("", offset, offset, offset);
    }
}
