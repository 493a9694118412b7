-- The Mesos framework id, stored as soon as a master assigns it (SUBSCRIBED), so that a restarted or
-- reconnecting Borealis subscribes again as the same framework and its tasks keep running.
-- One row per framework name (borealis.mesos.framework-name).
create table mesos_framework (
    framework_name varchar(255)  primary key,
    framework_id   varchar(255)  not null,
    master_url     varchar(1000),
    subscribed_at  timestamp with time zone not null
);
