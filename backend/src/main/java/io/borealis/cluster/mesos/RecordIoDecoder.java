package io.borealis.cluster.mesos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a RecordIO byte stream into records (section 2.3 of the wire-protocol digest): each record is
 * {@code <decimal length in bytes>\n<exactly that many bytes>}, with nothing between a payload and the
 * next length. The bytes may arrive in any chunking (HTTP chunk boundaries are unrelated to record
 * boundaries); {@link #decode} returns the records each chunk completes and keeps the rest for the
 * next call. Pure and not thread-safe: one decoder per stream, fed from one thread.
 */
public final class RecordIoDecoder {

    /** Mesos writes lengths as unsigned 64-bit decimals: at most 20 digits. */
    private static final int MAX_LENGTH_DIGITS = 20;

    private final long maxRecordBytes;
    private final StringBuilder lengthDigits = new StringBuilder(MAX_LENGTH_DIGITS);
    private byte[] record;
    private int filled;
    private long offset;

    /** A decoder that refuses records longer than {@code maxRecordBytes} (a corrupt length guard). */
    public RecordIoDecoder(long maxRecordBytes) {
        if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxRecordBytes must be between 1 and 2^31-9");
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Decodes a whole chunk. */
    public List<byte[]> decode(byte[] chunk) {
        return decode(chunk, 0, chunk.length);
    }

    /**
     * Feeds {@code length} bytes of {@code chunk} from {@code start}; returns the records completed by
     * them, in order (often none, sometimes several).
     *
     * @throws RecordIoException when the stream is not RecordIO (a non-digit where a length belongs,
     *     an empty or too long length, a record above the limit); the decoder is then unusable
     */
    public List<byte[]> decode(byte[] chunk, int start, int length) {
        List<byte[]> records = new ArrayList<>(1);
        int position = start;
        int end = start + length;
        while (position < end) {
            if (record == null) {
                byte b = chunk[position++];
                offset++;
                if (b == '\n') {
                    startRecord();
                    if (record.length == 0) {
                        records.add(record);
                        record = null;
                    }
                } else if (b >= '0' && b <= '9') {
                    if (lengthDigits.length() == MAX_LENGTH_DIGITS) {
                        throw new RecordIoException("record length at byte " + (offset - MAX_LENGTH_DIGITS - 1)
                                + " has more than " + MAX_LENGTH_DIGITS + " digits: " + lengthDigits + "...");
                    }
                    lengthDigits.append((char) b);
                } else {
                    throw new RecordIoException("expected a decimal record length at byte " + (offset - 1) + ", found "
                            + describe(b) + (lengthDigits.isEmpty() ? "" : " after '" + lengthDigits + "'"));
                }
            } else {
                int take = Math.min(end - position, record.length - filled);
                System.arraycopy(chunk, position, record, filled, take);
                filled += take;
                position += take;
                offset += take;
                if (filled == record.length) {
                    records.add(record);
                    record = null;
                }
            }
        }
        return records;
    }

    /** Whether the stream ended cleanly here, between two records. */
    public boolean atRecordBoundary() {
        return record == null && lengthDigits.isEmpty();
    }

    private void startRecord() {
        if (lengthDigits.isEmpty()) {
            throw new RecordIoException("empty record length at byte " + (offset - 1));
        }
        long size;
        try {
            size = Long.parseLong(lengthDigits.toString());
        } catch (NumberFormatException e) {
            size = Long.MAX_VALUE;
        }
        if (size > maxRecordBytes) {
            throw new RecordIoException(
                    "record of " + lengthDigits + " bytes exceeds the limit of " + maxRecordBytes + " bytes");
        }
        lengthDigits.setLength(0);
        record = new byte[(int) size];
        filled = 0;
    }

    private static String describe(byte b) {
        if (b >= 0x20 && b < 0x7f) {
            return "'" + new String(new byte[] {b}, StandardCharsets.US_ASCII) + "'";
        }
        return String.format("byte 0x%02x", b & 0xff);
    }

    /** The bytes are not a RecordIO stream. */
    public static final class RecordIoException extends RuntimeException {
        RecordIoException(String message) {
            super(message);
        }
    }
}
