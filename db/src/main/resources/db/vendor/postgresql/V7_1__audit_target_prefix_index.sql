-- A job's or a rollout's audit history is a prefix search on target (`target like 'team/env/name%'`).
-- PostgreSQL cannot use the plain index ix_audit_target for LIKE under a non-C collation, so at ten
-- million entries that filter scanned the table (about 3 s, docs/benchmarks/audit-postgres.md).
-- text_pattern_ops makes the prefix match an index range scan. H2 uses ix_audit_target as it is.
create index ix_audit_target_prefix on audit_entry (target text_pattern_ops);
