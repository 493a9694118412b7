package io.borealis.job;

/** Scalar resources: cpu cores (fractional), memory and disk in MB. */
public record Resources(double cpus, long ramMb, long diskMb) {

    public static final Resources NONE = new Resources(0, 0, 0);

    /** Fractions of a core are compared to a thousandth, as Mesos rounds them. */
    private static final double CPU_EPSILON = 0.0005;

    public Resources plus(Resources other) {
        return new Resources(round(cpus + other.cpus), ramMb + other.ramMb, diskMb + other.diskMb);
    }

    public Resources minus(Resources other) {
        return new Resources(round(cpus - other.cpus), ramMb - other.ramMb, diskMb - other.diskMb);
    }

    public Resources times(long count) {
        return new Resources(round(cpus * count), ramMb * count, diskMb * count);
    }

    /** Whether {@code needed} fits into these resources. */
    public boolean covers(Resources needed) {
        return cpus + CPU_EPSILON >= needed.cpus && ramMb >= needed.ramMb && diskMb >= needed.diskMb;
    }

    /** Per-resource maximum of two. */
    public Resources max(Resources other) {
        return new Resources(Math.max(cpus, other.cpus), Math.max(ramMb, other.ramMb), Math.max(diskMb, other.diskMb));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
