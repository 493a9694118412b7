-- PostgreSQL only: the audit log is append-only, for every role, by trigger; and when Borealis runs
-- with a separate application role (placeholder app_role, from spring.flyway.placeholders.app_role),
-- that role may insert and read audit entries but never update, delete or truncate them.
-- Retention removes old entries only through audit_remove_before(), which runs as the owner.

create or replace function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('borealis.audit_retention', true) = 'on' then
        return old;
    end if;
    raise exception 'audit_entry is append-only: % is not allowed', tg_op;
end
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();

-- Retention's only way to remove entries: those before a sequence number, after they were exported.
create or replace function audit_remove_before(first_kept bigint) returns bigint
    language plpgsql security definer set search_path = public as $$
declare
    removed bigint;
begin
    perform set_config('borealis.audit_retention', 'on', true);
    delete from audit_entry where seq < first_kept;
    get diagnostics removed = row_count;
    perform set_config('borealis.audit_retention', 'off', true);
    return removed;
end
$$;

do $$
begin
    if '${app_role}' <> '' then
        execute format('grant usage on schema public to %I', '${app_role}');
        execute format('grant select, insert, update, delete on all tables in schema public to %I', '${app_role}');
        execute format('grant usage, select on all sequences in schema public to %I', '${app_role}');
        execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', '${app_role}');
        execute format('alter default privileges in schema public grant usage, select on sequences to %I', '${app_role}');
        execute format('revoke update, delete, truncate on audit_entry from %I', '${app_role}');
        execute format('revoke all on function audit_remove_before(bigint) from public');
        execute format('grant execute on function audit_remove_before(bigint) to %I', '${app_role}');
    end if;
end
$$;
