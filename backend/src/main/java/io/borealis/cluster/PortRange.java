package io.borealis.cluster;

/** An inclusive range of port numbers, as Mesos offers them. */
public record PortRange(int begin, int end) {

    public PortRange {
        if (begin < 1 || end > 65535 || begin > end) {
            throw new IllegalArgumentException("invalid port range " + begin + "-" + end);
        }
    }

    public int size() {
        return end - begin + 1;
    }

    public boolean contains(int port) {
        return port >= begin && port <= end;
    }

    public boolean overlaps(PortRange other) {
        return begin <= other.end && other.begin <= end;
    }

    @Override
    public String toString() {
        return begin == end ? Integer.toString(begin) : begin + "-" + end;
    }
}
