package io.borealis.ui.support;

import io.borealis.job.Resources;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the portal writes values people read: times in UTC (ASVS 16.2.2), with the zone shown. */
public final class Formats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Formats() {}

    /** The time of day in UTC, "17:03:14" (timelines, where the date is in the tooltip). */
    public static String clock(Instant instant) {
        return instant == null ? "-" : CLOCK.format(instant);
    }

    public static String instant(Instant instant) {
        return instant == null ? "-" : UTC.format(instant);
    }

    /** "3 min ago", "just now", "in 20 s"; "-" for no time. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "-";
        }
        Duration between = Duration.between(instant, now);
        boolean future = between.isNegative();
        String span = span(between.abs());
        if (span.equals("0 s")) {
            return "just now";
        }
        return future ? "in " + span : span + " ago";
    }

    /** A short duration: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    public static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** Cores: "0.25 cpus", "1 cpu", "4 cpus". */
    public static String cpus(double cpus) {
        double rounded = Math.round(cpus * 1000.0) / 1000.0;
        String number = rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.3f", rounded).replaceAll("0+$", "");
        return number + (rounded == 1 ? " cpu" : " cpus");
    }

    /** Memory or disk: "512 MB", "1.5 GB", "2 TB". */
    public static String megabytes(long mb) {
        if (Math.abs(mb) < 1024) {
            return mb + " MB";
        }
        double gb = mb / 1024.0;
        if (Math.abs(gb) < 1024) {
            return trim(gb) + " GB";
        }
        return trim(gb / 1024.0) + " TB";
    }

    /** "0.5 cpus, 256 MB RAM, 100 MB disk". */
    public static String resources(Resources resources) {
        return cpus(resources.cpus()) + ", " + megabytes(resources.ramMb()) + " RAM, " + megabytes(resources.diskMb())
                + " disk";
    }

    /** Bytes for logs: "812 B", "4.2 KB", "1.3 MB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return trim(bytes / 1024.0) + " KB";
        }
        return trim(bytes / (1024.0 * 1024.0)) + " MB";
    }

    /** "1 instance", "3 instances". */
    public static String instances(int count) {
        return count + (count == 1 ? " instance" : " instances");
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
