package io.borealis.audit;

/** How an attempt ended. */
public enum AuditOutcome {
    SUCCESS,
    /** Refused for lack of permission (403); nothing changed. */
    DENIED,
    /** Tried and failed (wrong password, for sign-ins). */
    FAILED
}
