package io.borealis.cluster;

/** The two output streams every task has. */
public enum LogStream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String fileName;

    LogStream(String fileName) {
        this.fileName = fileName;
    }

    /** The sandbox file name the stream is written to. */
    public String fileName() {
        return fileName;
    }
}
