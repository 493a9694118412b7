-- The audit log: one row per recorded action, chained by an HMAC so that changing, deleting or
-- reordering rows is detected. The application only ever inserts; see README (audit) for the
-- PostgreSQL grants that make the table insert-only for its role.

create table audit_entry (
    seq            bigint        primary key,
    at             timestamp with time zone not null,
    actor          varchar(64)   not null,
    actor_token    varchar(128),
    source         varchar(8)    not null,
    client_address varchar(64),
    action         varchar(64)   not null,
    team           varchar(32),
    target         varchar(512),
    outcome        varchar(8)    not null,
    reason         varchar(2000),
    message        varchar(4000),
    changes        text,
    prev_hash      varchar(64)   not null,
    entry_hash     varchar(64)   not null,
    constraint ck_audit_source check (source in ('UI', 'API', 'SYSTEM')),
    constraint ck_audit_outcome check (outcome in ('SUCCESS', 'DENIED', 'FAILED'))
);
create index ix_audit_at on audit_entry (at);
create index ix_audit_team_seq on audit_entry (team, seq);
create index ix_audit_actor_seq on audit_entry (actor, seq);
create index ix_audit_action_seq on audit_entry (action, seq);
create index ix_audit_target on audit_entry (target);

-- The chain's head: the last sequence number and hash. Appends lock this row, which numbers the
-- entries without gaps and in commit order.
create table audit_head (
    id        integer      primary key,
    last_seq  bigint       not null,
    last_hash varchar(64)  not null,
    constraint ck_audit_head_single check (id = 1)
);
insert into audit_head (id, last_seq, last_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
