/**
 * The audit log: who did what, from where, to what, with what outcome and which values changed.
 * Entries are written in the same transaction as the change they record (no entry, no change),
 * only ever inserted, and chained with an HMAC whose key lives outside the database, so that
 * changing, deleting or reordering rows is detected by {@link io.borealis.audit.AuditVerifier}.
 * Services record through {@link io.borealis.audit.AuditTrail}; nothing else writes the table.
 */
package io.borealis.audit;
