-- H2 (the embedded default for one machine) has no roles to separate: the audit log's integrity
-- there rests on the hash chain alone. This migration only keeps the version numbers of both
-- databases in step.
create table if not exists audit_vendor_marker (id integer primary key);
