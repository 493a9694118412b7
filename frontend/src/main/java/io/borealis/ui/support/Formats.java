package io.borealis.ui.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the portal writes values people read: times in UTC (ASVS 16.2.2), with the zone shown. */
public final class Formats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String instant(Instant instant) {
        return instant == null ? "-" : UTC.format(instant);
    }
}
