package io.borealis.job;

/** Whether a stored job is still wanted. */
public enum JobStatus {
    /** Its instances should run. */
    ACTIVE,
    /** Somebody killed the whole job; its history stays, its key may be used again. */
    KILLED
}
