package io.borealis.audit;

import java.time.Instant;

/**
 * One stored entry of the audit log.
 *
 * @param seq its place in the chain, 1, 2, 3... without gaps
 * @param at when (UTC)
 * @param actor the person's username, or {@code system}
 * @param actorToken the API token used, if any ({@code <id> (<name>)})
 * @param source UI, API or SYSTEM
 * @param clientAddress the client's address as the server saw it
 * @param action what, e.g. {@code job.scale}
 * @param team the team concerned, if any
 * @param target the object, e.g. {@code payments/prod/web instances 0,3}
 * @param outcome SUCCESS, DENIED or FAILED
 * @param reason the reason the person gave, if any
 * @param message what Borealis says about it (a refusal's reason, a system cause)
 * @param changes the changed fields as JSON: {@code {"instances":{"before":"3","after":"5"}}}
 * @param prevHash the previous entry's hash
 * @param entryHash this entry's HMAC over the previous hash and its own fields
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String actorToken,
        AuditSource source,
        String clientAddress,
        String action,
        String team,
        String target,
        AuditOutcome outcome,
        String reason,
        String message,
        String changes,
        String prevHash,
        String entryHash) {}
