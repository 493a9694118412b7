/**
 * Team quotas, after Aurora: only production (preferred tier) tasks consume quota; creating a job,
 * scaling it up and starting a rollout are checked against it and refused with the exact shortfall;
 * an admin cannot set a quota below what the team uses without confirming an over-commit.
 */
package io.borealis.quota;
