package io.borealis.audit;

/** Where an action came from. */
public enum AuditSource {
    /** The portal (a person in a browser). */
    UI,
    /** The REST API (a person's token). */
    API,
    /** Borealis itself (the scheduler, start-up, retention). */
    SYSTEM
}
