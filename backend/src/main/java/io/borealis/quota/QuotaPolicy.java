package io.borealis.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Quota arithmetic (pure): what is short, resource by resource, and how to say it. */
public final class QuotaPolicy {

    private QuotaPolicy() {}

    /** One resource over quota. */
    public record Shortfall(String resource, String requested, String available, String missing) {
        @Override
        public String toString() {
            return resource + ": needs " + requested + ", " + available + " left (" + missing + " short)";
        }
    }

    /**
     * The shortfalls if {@code current} plus {@code additional} must fit {@code quota}; empty when
     * it fits. Exactly at the quota fits.
     */
    public static List<Shortfall> shortfalls(Quota quota, Usage current, Usage additional) {
        List<Shortfall> shortfalls = new ArrayList<>();
        double cpusLeft = round(quota.resources().cpus() - current.resources().cpus());
        if (additional.resources().cpus() > cpusLeft + 0.0005) {
            shortfalls.add(new Shortfall(
                    "cpus",
                    cores(additional.resources().cpus()),
                    cores(Math.max(0, cpusLeft)),
                    cores(additional.resources().cpus() - Math.max(0, cpusLeft))));
        }
        long ramLeft = quota.resources().ramMb() - current.resources().ramMb();
        if (additional.resources().ramMb() > ramLeft) {
            shortfalls.add(new Shortfall(
                    "ram",
                    mb(additional.resources().ramMb()),
                    mb(Math.max(0, ramLeft)),
                    mb(additional.resources().ramMb() - Math.max(0, ramLeft))));
        }
        long diskLeft = quota.resources().diskMb() - current.resources().diskMb();
        if (additional.resources().diskMb() > diskLeft) {
            shortfalls.add(new Shortfall(
                    "disk",
                    mb(additional.resources().diskMb()),
                    mb(Math.max(0, diskLeft)),
                    mb(additional.resources().diskMb() - Math.max(0, diskLeft))));
        }
        if (quota.maxTasks() != null) {
            int tasksLeft = quota.maxTasks() - current.tasks();
            if (additional.tasks() > tasksLeft) {
                shortfalls.add(new Shortfall(
                        "tasks",
                        additional.tasks() + " tasks",
                        Math.max(0, tasksLeft) + " tasks",
                        (additional.tasks() - Math.max(0, tasksLeft)) + " tasks"));
            }
        }
        return shortfalls;
    }

    /** Resources where a quota would be below current use (for the over-commit warning). */
    public static List<String> belowUse(Quota quota, Usage use) {
        List<String> below = new ArrayList<>();
        if (quota.resources().cpus() + 0.0005 < use.resources().cpus()) {
            below.add("cpus: " + cores(quota.resources().cpus()) + " is below the "
                    + cores(use.resources().cpus()) + " in use");
        }
        if (quota.resources().ramMb() < use.resources().ramMb()) {
            below.add("ram: " + mb(quota.resources().ramMb()) + " is below the "
                    + mb(use.resources().ramMb()) + " in use");
        }
        if (quota.resources().diskMb() < use.resources().diskMb()) {
            below.add("disk: " + mb(quota.resources().diskMb()) + " is below the "
                    + mb(use.resources().diskMb()) + " in use");
        }
        if (quota.maxTasks() != null && quota.maxTasks() < use.tasks()) {
            below.add("tasks: " + quota.maxTasks() + " is below the " + use.tasks() + " running");
        }
        return below;
    }

    static String cores(double value) {
        double rounded = round(value);
        String text = rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.3f", rounded).replaceAll("0+$", "");
        return text + (rounded == 1 ? " cpu" : " cpus");
    }

    static String mb(long value) {
        return String.format(Locale.ROOT, "%,d MB", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
