/**
 * Jobs as people describe them: the job key ({@code team/environment/name}), the task
 * configuration every instance runs, the job kind and instance count, and the pure validation of
 * all of it. Stored jobs and the services that change them live in {@code io.borealis.scheduler}.
 */
package io.borealis.job;
